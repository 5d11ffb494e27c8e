import { describe, expect, it } from 'vitest';
import { compilePatterns, redactBatch } from '../../../plugins-builtin/secret-redaction/index.js';
import type { MessageRecord, SessionBatch } from '../../../src/records/types.js';
import { BUILTIN_PATTERNS, MAY_HOLD_SECRET } from '../../../plugins-builtin/secret-redaction/patterns.js';
import { redactText } from '../../../plugins-builtin/secret-redaction/redact.js';

const patterns = compilePatterns({});

describe('redactText', () => {
  it.each([
    ['AWS key AKIAABCDEFGHIJKLMNOP here', 'AKIAABCDEFGHIJKLMNOP'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['key sk-ant-api03-abcdefghijklmnopqrstuvwxyz', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz'],
    ['git clone https://alice:s3cretPass@github.com/org/repo.git', 's3cretPass'],
    ['export DATABASE_PASSWORD="hunter2hunter2"', 'hunter2hunter2'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456', 'abcdefghijklmnopqrstuvwxyz123456'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----', 'MIIEabc'],
    ['AIzaSyA1234567890abcdefghijklmnopqrstuv', 'AIzaSyA1234567890abcdefghijklmnopqrstuv'],
    ['PRIVATE_KEY=abcdefgh12345', 'abcdefgh12345'],
    ['eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4', 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4'],
  ])('removes the secret from %j', (input, secret) => {
    const out = redactText(input, patterns);
    expect(out).not.toContain(secret);
    expect(out).toContain('[REDACTED:');
  });

  it('keeps context around what it removes and leaves ordinary text alone', () => {
    expect(redactText('export API_KEY=abcdefgh12345678', patterns)).toBe('export API_KEY=[REDACTED:secret-assignment]');
    expect(redactText('https://alice:pw12345@host/x', patterns)).toBe('https://[REDACTED:url-credentials]host/x');
    const plain = 'Fix the failing test in src/token-parser.ts; the password field is optional.';
    expect(redactText(plain, patterns)).toBe(plain);
  });

  it('removes every secret of a text that holds several kinds, whatever the order they come in', () => {
    const text = 'token=abcdefghijkl then https://bob:pw123456@example.com and ghp_abcdefghijklmnopqrstuvwxyz0123456789, AKIAABCDEFGHIJKLMNOP';
    expect(redactText(text, patterns)).toBe(
      'token=[REDACTED:secret-assignment] then https://[REDACTED:url-credentials]example.com and [REDACTED:github-token], [REDACTED:aws-access-key]',
    );
  });

  it('skips only texts no built-in pattern matches, whatever the case of their words', () => {
    const texts = [
      'AWS key AKIAABCDEFGHIJKLMNOP here', 'akiaabcdefghijklmnop', 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789 ok',
      'GHP_ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 'key sk-ant-api03-abcdefghijklmnopqrstuvwxyz', 'SK-ANT-API03-ABCDEFGHIJKLMNOPQRSTUVWXYZ',
      'git clone HTTPS://alice:s3cretPass@github.com/org/repo.git', 'xoxb-1234567890-abcdef', 'XOXB-1234567890-ABCDEF',
      'sk_live_abcdefghijklmnop1234', 'SK_LIVE_ABCDEFGHIJKLMNOP1234', 'eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4',
      'EYJHBGCIOIJIUZI1.EYJZDWIIOIIXMJM0.SFLKXWRJSMEKKF2QT4', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456',
      'authorization: bearer abcdefghijklmnopqrstuvwxyz123456', '-----BEGIN RSA PRIVATE KEY-----\nMIIEabc', '-----begin rsa private key-----',
      'AIzaSyA1234567890abcdefghijklmnopqrstuv', 'aizasya1234567890abcdefghijklmnopqrstuv', 'export Api_Key="abcdefgh12345"',
      'db_password: hunter2hunter2', 'MY_SECRET_VALUE = "abcdefghij"', 'accessKey=abcdefghij', 'the token expired', 'password: short',
    ];
    for (const text of texts) {
      const matched = BUILTIN_PATTERNS.some(({ regex }) => new RegExp(regex.source, regex.flags).test(text));
      if (matched) expect(MAY_HOLD_SECRET.test(text), text).toBe(true);
    }
    // Keywords in a case their pattern never matches, and secret-ish words without a long value, are skipped.
    for (const text of ['akiaabcdefghijklmnop', 'authorization: bearer abcdefghijklmnopqrstuvwxyz123456', 'the token expired; password: short']) {
      expect(MAY_HOLD_SECRET.test(text), text).toBe(false);
    }
  });

  it('applies configured rules', () => {
    const custom = compilePatterns({ rules: [{ name: 'ticket', pattern: 'ACME-\\d+' }] });
    expect(redactText('see ACME-1234', custom)).toBe('see [REDACTED:ticket]');
  });
});

describe('redactBatch', () => {
  const secret = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const message = (id: string, over: Partial<MessageRecord> = {}): MessageRecord => ({
    id,
    sessionId: 's',
    order: 0,
    parentId: null,
    role: 'assistant',
    kind: 'assistant',
    timestamp: null,
    text: 'plain words',
    thinking: '',
    toolCalls: [{ id: 't1', name: 'Bash', input: '{"command":"ls"}' }],
    toolResults: [{ toolUseId: 't0', isError: false, content: 'a.txt' }],
    model: null,
    usage: null,
    isSidechain: false,
    ...over,
  });

  it('redacts every free-text field, leaves the batch it was given as it was, and passes clean messages through', () => {
    const clean = message('m1');
    const leaky = message('m2', {
      thinking: `the token is ${secret}`,
      toolCalls: [{ id: 't1', name: 'Bash', input: '{"command":"ls"}' }, { id: 't2', name: 'Bash', input: `echo ${secret}` }],
      toolResults: [{ toolUseId: 't0', isError: false, content: `got ${secret}` }],
    });
    const batch = {
      session: { digest: { customTitle: null, aiTitle: null, summary: `uses ${secret}`, prompts: [`push with ${secret}`] } },
      messages: [clean, leaky],
    } as unknown as SessionBatch;
    const before = JSON.stringify(batch);
    const out = redactBatch(batch, patterns);
    expect(JSON.stringify(batch)).toBe(before);
    expect(JSON.stringify(out)).not.toContain(secret);
    expect(out.messages[0]).toBe(clean);
    const [, redacted] = out.messages as [MessageRecord, MessageRecord];
    expect(redacted.thinking).toBe('the token is [REDACTED:github-token]');
    expect(redacted.toolCalls[0]).toBe(leaky.toolCalls[0]);
    expect(redacted.toolCalls[1]?.input).toBe('echo [REDACTED:github-token]');
    expect(redacted.toolResults[0]?.content).toBe('got [REDACTED:github-token]');
    expect(out.session.digest.prompts).toEqual(['push with [REDACTED:github-token]']);
  });
});
