// Drive the official LicenseSpring Node SDK against licensekit-server, re-keyed to its public key.
const { LicenseAPI, LicenseManager } = require('@licensespring/node-sdk');
const os = require('node:os'), fs = require('node:fs'), path = require('node:path');
const url = process.argv[2];
(async () => {
  const publicKey = await (await fetch(url + '/__admin/public-key')).text();
  const results = [];
  const step = async (name, fn) => {
    try { results.push([name, 'ok', JSON.stringify(await fn()).slice(0, 160)]); }
    catch (e) { results.push([name, 'FAIL', JSON.stringify(e && (e.message || e)).slice(0, 300)]); }
  };
  const config = { apiKey: 'test-api-key', sharedKey: 'test-shared-key', apiPath: url + '/api/v4', publicKey, productCode: 'TP', appName: 'licensekit-check', appVersion: '1.0.0' };
  const api = new LicenseAPI(config);
  await step('api.activateLicense', async () => (await api.activateLicense({ product: 'TP', license_key: 'LS-VALID-0001', hardware_id: 'node-hw-1' })).license_key);
  await step('api.checkLicense', async () => (await api.checkLicense({ product: 'TP', license_key: 'LS-VALID-0001', hardware_id: 'node-hw-1' })).license_active);
  await step('api.checkLicense time-limited (v1 with validity)', async () => (await api.checkLicense({ product: 'TP', license_key: 'LS-TIME-LIMITED-0001', hardware_id: 'demo-hwid-0001' })).validity_period);
  await step('api.deactivateLicense', async () => await api.deactivateLicense({ product: 'TP', license_key: 'LS-VALID-0001', hardware_id: 'node-hw-1' }));
  await step('api.checkLicense expired (expect error)', async () => { try { await api.checkLicense({ product: 'TP', license_key: 'LS-EXPIRED-0001', hardware_id: 'demo-hwid-0001' }); return 'no error?!'; } catch (e) { if (e.code === 'license_expired') return e.code; throw e; } });
  await step('api.activateLicense user', async () => (await api.activateLicense({ product: 'UP', username: 'demo-user@example.com', password: 'demo-password', hardware_id: 'node-hw-2' })).user);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lsnode-'));
  const manager = new LicenseManager({ ...config, filePath: dir, fileKey: 'node-sdk-check-file-key' });
  await step('manager.activateLicense', async () => (await manager.activateLicense({ license_key: 'LS-VALID-0001' })).license_key);
  await step('manager.checkLicense', async () => (await manager.checkLicense({ license_key: 'LS-VALID-0001' })).license_active);
  await step('manager.deactivateLicense', async () => await manager.deactivateLicense({ license_key: 'LS-VALID-0001' }));
  for (const r of results) console.log(r.join(' | '));
  process.exit(results.every(r => r[1] === 'ok') ? 0 : 1);
})();
