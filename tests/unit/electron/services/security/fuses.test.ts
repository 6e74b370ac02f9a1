import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** Packaged builds flip Electron's fuses; a missing line here would ship a weaker binary. */
describe('electron-builder fuses', () => {
  const yml = readFileSync('electron-builder.yml', 'utf8');
  const block = yml.split(/^electronFuses:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
  const fuse = (name: string) => new RegExp(`^\\s+${name}:\\s*(true|false)\\s*$`, 'm').exec(block)?.[1];

  it.each([
    ['runAsNode', 'false'],
    ['enableNodeOptionsEnvironmentVariable', 'false'],
    ['enableNodeCliInspectArguments', 'false'],
    ['onlyLoadAppFromAsar', 'true'],
    ['enableEmbeddedAsarIntegrityValidation', 'true'],
    ['enableCookieEncryption', 'true'],
    ['grantFileProtocolExtraPrivileges', 'false'],
  ])('%s is %s', (name, value) => {
    expect(fuse(name)).toBe(value);
  });

  it('packages into an asar archive', () => {
    expect(yml).toMatch(/^asar:\s*true\s*$/m);
  });
});
