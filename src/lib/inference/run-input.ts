import { throwIfAborted } from './abort';
import type { FloatTensor, ModelName, OutputCheck, SessionManager } from './sessions';
import { tracedAsync } from './trace';
import { scratch } from '../memory/scratch';

/**
 * Runs `model` on one input tensor that the caller took from the scratch pool (src/lib/memory/scratch.ts), and gives
 * the tensor back once the run has settled, whether it succeeded or threw (sessions.run awaits onnxruntime's run, so
 * nothing reads the tensor afterwards).
 * @param input Float32Array of the model's input layout, e.g. [1,256,256,3] NHWC for selfie_segmentation.
 * @param dims the input's shape.
 * @param stage trace label of the run (inference/trace.ts), e.g. 'segment.run'.
 * @throws DOMException "AbortError" when `signal` aborts before the run starts; what sessions.run throws.
 */
export async function runOnScratchInput(
	sessions: SessionManager,
	model: ModelName,
	input: Float32Array,
	dims: number[],
	stage: string,
	signal?: AbortSignal,
	check?: OutputCheck
): Promise<Record<string, FloatTensor>> {
	try {
		const [inputName] = await sessions.inputNames(model);
		throwIfAborted(signal);
		return await tracedAsync(stage, () => sessions.run(model, { [inputName]: { data: input, dims } }, check));
	} finally {
		scratch.give(input);
	}
}
