import { describe, expect, it } from 'vitest';
import { nodeDriveFs, runCommand } from './nodeDeps';

describe('the real command runner', () => {
  it('returns standard output', async () => {
    expect(await runCommand(process.execPath, ['-e', 'process.stdout.write("E:,KINGSTON")'], 10_000)).toBe('E:,KINGSTON');
  });

  it('passes arguments without a shell', async () => {
    const out = await runCommand(process.execPath, ['-e', 'process.stdout.write(process.argv[1])', "a'b; echo x | y"], 10_000);
    expect(out).toBe("a'b; echo x | y");
  });

  it('rejects on a non-zero exit and on a program that does not exist', async () => {
    await expect(runCommand(process.execPath, ['-e', 'process.exit(3)'], 10_000)).rejects.toThrow();
    await expect(runCommand('/nonexistent/powershell.exe', [], 10_000)).rejects.toThrow(/ENOENT/);
  });

  it('kills a program that runs past the timeout', async () => {
    const started = Date.now();
    await expect(runCommand(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], 200)).rejects.toMatchObject({ killed: true });
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('the real file system reads', () => {
  it('reports a folder and its device id', async () => {
    const info = await nodeDriveFs.stat('/');
    expect(info.isDirectory).toBe(true);
    expect(typeof info.dev).toBe('number');
  });
});
