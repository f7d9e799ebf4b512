import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ServerProcess {
	child: ChildProcess;
	port: number;
	url: string;
	stdout: string[];
	stderr: string;
	/** Resolves with the exit code (or signal name). */
	exited: Promise<number | string>;
}

/**
 * Starts `server/main.ts` as a real child process (`node --import tsx`, a single process so that
 * SIGKILL hits the server itself) and waits for its `listening` line.
 * @throws Error when the process exits before listening or does not listen within `timeoutMs`.
 */
export function startServer(env: Record<string, string>, timeoutMs = 30_000): Promise<ServerProcess> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: REPO_ROOT,
		env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const proc: ServerProcess = {
		child,
		port: 0,
		url: '',
		stdout: [],
		stderr: '',
		exited: new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)))
	};
	child.stderr!.on('data', (d: Buffer) => (proc.stderr += d.toString()));
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`server did not start in ${timeoutMs} ms: ${proc.stderr}`));
		}, timeoutMs);
		let buf = '';
		child.stdout!.on('data', (d: Buffer) => {
			buf += d.toString();
			let nl;
			while ((nl = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, nl);
				buf = buf.slice(nl + 1);
				proc.stdout.push(line);
				try {
					const msg = JSON.parse(line);
					if (msg.msg === 'listening' && !proc.port) {
						proc.port = msg.port;
						proc.url = `http://127.0.0.1:${msg.port}`;
						clearTimeout(timer);
						resolve(proc);
					}
				} catch {
					/* not JSON */
				}
			}
		});
		proc.exited.then((code) => {
			clearTimeout(timer);
			if (!proc.port) reject(Object.assign(new Error(`server exited (${code}) before listening: ${proc.stderr}`), { code }));
		});
	});
}
