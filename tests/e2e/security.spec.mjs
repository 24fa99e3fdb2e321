// The release build runs under a strict Content-Security-Policy, and a violation of it fails
// a test (fixtures.mjs turns every `securitypolicyviolation` into a console error).
import { test, expect, openApp } from './fixtures.mjs';

test('the page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const header = response.headers()['content-security-policy'];
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const policy of [header, meta]) {
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]{44}'(;|$)/);
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-eval'/);
  }
  expect(header).toContain("frame-ancestors 'none'");
  // And the app runs under it.
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
});

test('a script the policy does not allow is blocked and reported as a failure', async ({ page, pageErrors }) => {
  await openApp(page, '/');
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true;';
    const seen = new Promise((r) => document.addEventListener('securitypolicyviolation', r, { once: true }));
    document.body.append(s);
    await seen;
    return window.__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => pageErrors.some((e) => e.includes('CSP violation') && e.includes('script-src'))).toBe(true);
  // This test provoked the errors on purpose.
  pageErrors.length = 0;
});
