import { register } from 'tsx/esm/api';
register({ tsconfig: '/work/main/tsconfig.node.json' });
await import(process.argv[2]);
