/** The three steps of the flow, in order. */
export type StepId = 'choose' | 'photo' | 'result';

/**
 * The step to show: choosing until a known spec is in the URL, then the photo until its
 * analysis is ready, then the result.
 */
export function currentStep(hasSpec: boolean, photoReady: boolean): StepId {
	if (!hasSpec) return 'choose';
	return photoReady ? 'result' : 'photo';
}
