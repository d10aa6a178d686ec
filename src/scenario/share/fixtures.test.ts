/**
 * Links made by every released share format, kept forever: each must still decode to
 * the same session. When the format changes, add the new version's fixture here and
 * never edit an old one.
 */
import { describe, expect, it } from 'vitest';
import { decodeShareParam, findShareParam } from './codec';
import { payloadToSession } from './session';

const FIXTURE_V1 =
  '#s=1.lz.N4Igxg9gtlCGB2ATAziAXAbVLMAXAlhPOuBAE6JEgA0Isu6ATAAyu3wSICmJA7uQGsuZALQBGEAF8AurWRgu8WGULpQAM3wAbHmhCaAHrgCuZLgDoAnrChaaIXFyMlYAB3wA1YckLw0AAgA3MQAdeAF8JACAOU4uMKguXFhEelg0MP9-JUSA-jIhUVD4ZGSTZAz4LNgtLQgwNIAjHQDgMFdjAJCQRm7qf0SocksAgBYAcXx+104K-26xMWZuyTCRdbC3T29fAOCwiKj-AAVOBKSUtMqsnK48rkbM7JsuZFccO-9udVhjLVwwm8uGBrv5IPBkpFvKCsiJnrl-LwHk8sll8HAAOafeAYyIGFGoszICCmBQVAmo-xmACOxleuDmbQ6AQArKwoKtiJJaIF0GIefguLw1CBkFwdHguIgRUJLCRvr9-gB6JGNeyHaV6GbS7kOdG6NmsSSSIA';

describe('fixture links', () => {
  it('format 1: a scenario inline, one command, the cluster time and a selected pod', async () => {
    const session = await payloadToSession(decodeShareParam(findShareParam(FIXTURE_V1)!), () => undefined);
    expect(session.file).toBe('fixture.yaml');
    expect(session.scenarioText).toContain('name: worker-1');
    expect(session.scenarioText).toContain('requests: {cpu: 500m}');
    expect(session.commands).toEqual([{ at: 2000, action: 'cordon', node: 'worker-1' }]);
    expect(session.time).toBe(5000);
    expect(session.selected).toEqual({ kind: 'pod', key: 'default/web' });
  });
});
