import type { CheckoutRequest, CheckoutResult, PaymentProvider } from './types.ts';

/**
 * Development/test provider: no money moves. The checkout URL is a page on this server
 * (`GET /api/sandbox/checkout/:orderId`) whose button calls `POST /api/sandbox/complete/:orderId`,
 * which pays the order and redirects to the success URL. Only enabled by PAYMENT_PROVIDER=sandbox,
 * and config refuses that when NODE_ENV=production (see config.ts); `createApp` checks again.
 */
export class SandboxProvider implements PaymentProvider {
	readonly name = 'sandbox' as const;

	/** @param publicUrl this server's public origin, e.g. http://localhost:8787 */
	constructor(private readonly publicUrl: string) {}

	async createCheckout(req: CheckoutRequest): Promise<CheckoutResult> {
		return {
			checkoutUrl: `${this.publicUrl}/api/sandbox/checkout/${req.orderId}`,
			providerRef: `sandbox_${req.orderId}`
		};
	}
}
