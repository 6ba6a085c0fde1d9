/** Our bot exactly as `npm start` builds it (createApp), with its configuration from the environment. */
import { loadConfig } from '../../src/config';
import { createApp } from '../../src/app';
import { announce } from './ipc';

const app = createApp(loadConfig());
app.start().then((url) => announce(Number(new URL(url).port)));
// A clean exit, so a --cpu-prof profile is written.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => void app.stop().then(() => process.exit(0)));
