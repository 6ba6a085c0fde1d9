/** Our bot exactly as `npm start` builds it (createApp, V8's heap growth as src/index.ts sets it), with its configuration from the environment. */
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { limitHeapGrowth } from '../../src/server/heapGrowth';
import { announce } from './ipc';

limitHeapGrowth();
const app = createApp(loadConfig());
app.start().then((url) => announce(Number(new URL(url).port)));
// A clean exit, so a --cpu-prof profile is written.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.stop().then(() => process.exit(0)));
