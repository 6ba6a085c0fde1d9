import { hashPassword } from './passwords';

/** `npm run -s agent-password -- 'the password'` prints the hash to put in HANDOFF_AGENTS. */
const password = process.argv[2];
if (!password || password.length < 10) {
  process.stderr.write('Usage: npm run -s agent-password -- <password of at least 10 characters>\n');
  process.exit(1);
}
hashPassword(password).then((hash) => process.stdout.write(`${hash}\n`));
