import { describe, expect, it } from 'vitest';
import { troubled } from './pod-trouble';

describe('troubled', () => {
  it("flags kubectl STATUS reasons that need a look: a crash, an OOM kill, an image that cannot be pulled", () => {
    for (const reason of ['CrashLoopBackOff', 'Error', 'OOMKilled', 'ErrImagePull', 'ImagePullBackOff', 'ExitCode:1']) expect(troubled(reason)).toBe(true);
  });

  it('leaves the calm ones (on its way, or done) and the bare phase alone', () => {
    for (const reason of ['ContainerCreating', 'PodInitializing', 'Completed', 'ExitCode:0', null, undefined]) expect(troubled(reason)).toBe(false);
  });
});
