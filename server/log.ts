import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

/** One request log line. Deliberately no IP address, query string, header or body. */
export interface RequestLogLine {
	/** ISO 8601 UTC. */
	t: string;
	method: string;
	/** Route pattern that answered (e.g. `/api/orders/:id`), never the concrete path; `unmatched` for 404s. */
	route: string;
	status: number;
	/** Handling time, milliseconds, 0.1 ms resolution. */
	ms: number;
}

/** Writes one JSON object per line to stdout. */
export const stdoutSink = (line: RequestLogLine | Record<string, unknown>): void => {
	process.stdout.write(JSON.stringify(line) + '\n');
};

/**
 * Hono middleware logging method, route pattern, status and duration of every request to `sink`.
 * The concrete path is not logged because it carries the order id.
 */
export function requestLogger(sink: (line: RequestLogLine) => void): MiddlewareHandler {
	return async (c, next) => {
		const start = performance.now();
		try {
			await next();
		} finally {
			// The last matched entry with a concrete pattern is the handler; middleware patterns end in '*'.
			const handler = matchedRoutes(c).findLast((r) => !r.path.endsWith('*'));
			sink({
				t: new Date().toISOString(),
				method: c.req.method,
				route: handler?.path ?? 'unmatched',
				status: c.res.status,
				ms: Math.round((performance.now() - start) * 10) / 10
			});
		}
	};
}
