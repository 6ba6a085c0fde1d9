import { dirname, join } from 'node:path';
import restify, { type Server } from 'restify';
import { WEB_DIR } from '../paths';

/** The official Web Chat bundle, served from node_modules (no CDN). */
function webChatDist(): string {
  // The package's exports map hides package.json; resolve its CommonJS entry (lib/index.js) instead.
  return join(dirname(dirname(require.resolve('botframework-webchat'))), 'dist');
}

/** The widget page, the embeddable widget script, and Web Chat itself. */
export function registerStaticRoutes(server: Server): void {
  server.get('/webchat/*', restify.plugins.serveStaticFiles(webChatDist(), { maxAge: 3600 * 1000 }));
  server.get('/*', restify.plugins.serveStaticFiles(WEB_DIR, { maxAge: 0 }));
}
