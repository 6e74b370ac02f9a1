import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkClientVersion, clientErrorAnswer } from '../../../server/http/edges';
import { decodeCursor, encodeCursor } from '../../../server/sync/cursor';
import { dedupeBatch } from '../../../server/sync/batch';
import { recordProblems } from '../../../server/sync/record-check';
import { PushResponseSchema } from '../../../shared/sync/protocol';
import { APP_VERSION, compareAppVersions, parseAppVersion, UPGRADE_MESSAGE } from '../../../shared/sync/version';

describe('app versions', () => {
  it('APP_VERSION is package.json’s version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
  it('parses major.minor.patch[-pre] only, and orders numerically with pre-releases first', () => {
    for (const bad of ['1', '1.2', '01.2.3', '1.2.3.4', 'v1.2.3', '1.2.3-', 'latest', '']) expect(parseAppVersion(bad), bad).toBeNull();
    const v = (s: string) => parseAppVersion(s)!;
    expect(compareAppVersions(v('0.10.0'), v('0.9.9'))).toBeGreaterThan(0);
    expect(compareAppVersions(v('1.2.3'), v('1.2.3'))).toBe(0);
    expect(compareAppVersions(v('1.2.3-beta.1'), v('1.2.3'))).toBeLessThan(0);
    expect(compareAppVersions(v('1.2.3-beta.2'), v('1.2.3-beta.1'))).toBeGreaterThan(0);
  });
});

describe('client version check', () => {
  const min = { minProtocol: 1, minAppVersion: parseAppVersion('1.2.0')! };
  it('426 below the minimum app version or protocol, and without a version when a minimum is set', () => {
    expect(checkClientVersion({ 'x-fielddesk-version': '1.1.9' }, min)).toMatchObject({ code: 'upgrade_required', message: UPGRADE_MESSAGE });
    expect(checkClientVersion({}, min)?.code).toBe('upgrade_required');
    expect(checkClientVersion({ 'x-fielddesk-protocol': '1', 'x-fielddesk-version': '1.2.0' }, { ...min, minProtocol: 2 })?.code).toBe('upgrade_required');
    expect(checkClientVersion({ 'x-fielddesk-version': '1.2.0' }, min)).toBeNull();
    expect(checkClientVersion({}, { minProtocol: 1 })).toBeNull();
  });
  it('400 for version headers that are not versions', () => {
    expect(checkClientVersion({ 'x-fielddesk-protocol': '1.0' }, min)?.code).toBe('invalid_request');
    expect(checkClientVersion({ 'x-fielddesk-version': ['1.2.0', '1.3.0'] }, min)?.code).toBe('invalid_request');
  });
});

describe('HTTP parser refusals', () => {
  it('map to the protocol codes', () => {
    expect(clientErrorAnswer('HPE_HEADER_OVERFLOW', undefined)).toMatchObject({ status: 431, code: 'headers_too_large' });
    expect(clientErrorAnswer('HPE_INVALID_HEADER_TOKEN', 'Invalid header token')).toMatchObject({ status: 400, code: 'invalid_request', message: expect.stringContaining('Invalid header token') });
    expect(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT', undefined)).toMatchObject({ status: 408 });
    expect(clientErrorAnswer(undefined, 'bad\u0000\r\n').message).toBe('The request is not valid HTTP: bad???');
  });
});

describe('duplicated opIds in one batch', () => {
  const a = { opId: 'o1', deviceId: 'd', deviceSeq: 1, table: 'people', id: 'p1', fields: {} };
  it('keeps the first copy of one op and rejects an opId that names two ops, once', () => {
    expect(dedupeBatch([a, { ...a }, { ...a, fields: { x: 1 } }])).toEqual({ ops: [a], rejected: [] });
    const split = dedupeBatch([a, { ...a, opId: 'o2', deviceSeq: 2 }, { ...a, deviceSeq: 3 }, { ...a }]);
    expect(split.ops.map((o) => o.opId)).toEqual(['o2']);
    expect(split.rejected).toEqual([expect.objectContaining({ opId: 'o1', code: 'invalid_op' })]);
  });
});

describe('record checks', () => {
  const tables = { people: { merge: 'lww' as const, schema: z.looseObject({ id: z.string(), name: z.string() }) }, worklog: { merge: 'append' as const } };
  it('names the failing field; passes unknown fields, tables without a schema, and unknown tables', () => {
    expect(recordProblems(tables, 'people', 'p1', { name: 'Ada', future: { a: 1 } })).toEqual([]);
    expect(recordProblems(tables, 'people', 'p1', { name: 5 })).toEqual([{ field: 'name', reason: expect.stringMatching(/string/) }]);
    expect(recordProblems(tables, 'worklog', 'w1', { anything: 1 })).toEqual([]);
    expect(recordProblems(tables, 'toString', 'x', {})).toEqual([]);
  });
});

describe('pull cursors', () => {
  it('carry the horizon a pull from the start began at, and refuse anything else', () => {
    expect(decodeCursor(encodeCursor({ epoch: 'ab', seq: 5, fullFrom: 9 }))).toEqual({ epoch: 'ab', seq: 5, fullFrom: 9 });
    expect(encodeCursor({ epoch: 'ab', seq: 5, fullFrom: 0 })).toBe('v1.ab.5.full.0');
    expect(encodeCursor({ epoch: 'ab', seq: 5 })).toBe('v1.ab.5');
    for (const bad of ['v1.ab.5.full', 'v1.ab.5.full.full', 'v1.ab.5.full.01', 'v1.ab.5.']) expect(decodeCursor(bad)).toBe('invalid');
  });
});

describe('push answers', () => {
  it('are read with reject codes this app does not know yet, so the op is set aside instead of the answer failing', () => {
    const answer = { applied: [], rejected: [{ opId: 'o1', code: 'some_future_code', message: 'why' }], clamped: [], serverTime: 1 };
    expect(PushResponseSchema.safeParse(answer).success).toBe(true);
  });
});
