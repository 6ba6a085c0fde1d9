import { parentPort, workerData } from 'node:worker_threads';
import { IntentModel } from './classifier';
import type { Utterance } from './corpus';

// Runs in a worker thread (see backgroundTraining.ts): training takes seconds of CPU that turns must not wait behind.
// Sent as JSON text, as the model file stores it: the model object holds functions a message cannot carry.
parentPort!.postMessage(JSON.stringify(IntentModel.train(workerData as Utterance[])));
