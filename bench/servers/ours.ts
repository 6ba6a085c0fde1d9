/**
 * Our bot as `npm start` runs it: the server's entry, which after `npm run build` is the bundle (V8's
 * heap growth, the embedded database's early start and the shutdown on SIGTERM included, so a
 * --cpu-prof profile is written), with its configuration from the environment.
 */
import { main } from '../../src/index';
import { announce } from './ipc';

void main().then((url) => announce(Number(new URL(url).port)));
