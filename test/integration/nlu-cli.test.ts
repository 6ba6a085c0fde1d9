import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/nlu/corpus';
import { LABELS } from '../../src/nlu/intents';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';
import { tempDirs } from '../helpers/tempDirs';

const tempDir = tempDirs();

/** The CLI exactly as other tools call it: `npm run -s nlu -- <command>`. */
function nlu(args: string[], input = '') {
  const result = spawnSync('npm', ['run', '-s', 'nlu', '--', ...args], { cwd: PROJECT_ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('nlu CLI contract', () => {
  it('classify: one JSON line per input line with exactly text, intent, score, lang', () => {
    const { status, stdout } = nlu(['classify'], '我想把POS机注销掉\nwhat time is the football on\n\nHow long does the review take?\n');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['text', 'intent', 'score', 'lang']);
      expect(LABELS).toContain(line.intent);
      expect(line.score).toBeGreaterThanOrEqual(0);
      expect(line.score).toBeLessThanOrEqual(1);
    }
    expect(lines.map((l) => l.lang)).toEqual(['zh', 'en', 'en', 'en']);
    expect(lines[0]).toMatchObject({ text: '我想把POS机注销掉', intent: 'cancel_pos' });
    expect(lines[2].intent).toBe('None');
  });

  it('eval: reports accuracy, out-of-scope recall, false None, per-intent figures and confusions', () => {
    const dir = tempDir('nlu-');
    const file = join(dir, 'set.jsonl');
    writeFileSync(
      file,
      [
        { text: '审核一般要多长时间', intent: 'faq_review_time', lang: 'zh' },
        { text: '我想注销机器', intent: ['cancel_pos', 'faq_cancel_steps'], lang: 'zh' },
        { text: 'recommend me a restaurant', intent: 'None', lang: 'en' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const { status, stdout } = nlu(['eval', file]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/in-scope top-1 accuracy: \d+\.\d% \(\d+\/2\)/);
    expect(stdout).toMatch(/zh: /);
    expect(stdout).toMatch(/out-of-scope recall: \d+\.\d% \(of 1\)/);
    expect(stdout).toMatch(/in-scope answered None: /);
    expect(stdout).toMatch(/faq_review_time\s+\d+\.\d%\s+\d+\.\d%\s+1/);
    expect(stdout).toMatch(/confusions/);
  });

  it('eval --misses: lists each wrong line with the ranking and what the gate read, and only those', () => {
    const dir = tempDir('nlu-');
    const file = join(dir, 'set.jsonl');
    writeFileSync(
      file,
      [
        { text: '审核一般要多长时间', intent: 'faq_review_time', lang: 'zh', kind: 'plain' },
        // Labelled wrong on purpose, so that it is a miss.
        { text: 'how long does the review take', intent: 'faq_hotline', lang: 'en', kind: 'plain' },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n'),
    );
    const { status, stdout } = nlu(['eval', file, '--misses']);
    expect(status).toBe(0);
    const misses = stdout.slice(stdout.indexOf('misses'));
    expect(misses).toMatch(/\[plain\] faq_hotline -> \S+ \| \S+ \d\.\d\d.*coverage \d\.\d\d similarity \d\.\d\d to None \d\.\d\d \| how long does the review take/);
    expect(misses).not.toMatch(/审核一般要多长时间/);
    expect(nlu(['eval', file]).stdout).not.toMatch(/misses/);
  });

  it('export-corpus: the training corpus as JSON lines', () => {
    const { status, stdout } = nlu(['export-corpus']);
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual(loadCorpus(LOCALES_DIR).map(({ text, intent, lang }) => ({ text, intent, lang })));
  });

  it('refuses an unknown command with its usage', () => {
    const { status, stderr } = nlu(['dance']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/usage/);
  });
});
