#!/usr/bin/env python3
"""Drive the official LicenseSpring Python SDK 4.0.0 against licensekit-server, re-keyed."""
import sys, tempfile, traceback, requests
from licensespring.api import APIClient
from licensespring.api.signature import SignatureVerifier
from licensespring.licensefile.config import Configuration
from licensespring.licensefile.license_manager import LicenseManager, LicenseID

url = sys.argv[1]
domain = url.split("://", 1)[1]
pem = requests.get(url + "/__admin/public-key").text

class OurKey(SignatureVerifier):
    PUBLIC_KEY = pem

results = []
def step(name, fn):
    try:
        out = fn()
        results.append((name, "ok", out))
    except Exception as e:
        results.append((name, "FAIL", f"{type(e).__name__}: {e}"))
        traceback.print_exc()

api = APIClient(api_key="test-api-key", shared_key="test-shared-key", api_protocol="http",
                api_domain=domain, signature_verifier=OurKey)
step("api.activate_license", lambda: api.activate_license(product="TP", license_key="LS-VALID-0001", hardware_id="sdk-hwid-1")["license_key"])
step("api.check_license", lambda: api.check_license(product="TP", license_key="LS-VALID-0001", hardware_id="sdk-hwid-1")["license_active"])
step("api.deactivate_license", lambda: api.deactivate_license(product="TP", license_key="LS-VALID-0001", hardware_id="sdk-hwid-1"))
def refused():
    try:
        api.check_license(product="TP", license_key="LS-EXPIRED-0001", hardware_id="demo-hwid-0001")
    except Exception as e:
        return f"{type(e).__name__}: {getattr(e, 'code', '')} {e}"
    return "no error?!"
step("api.check_license expired", refused)

d = tempfile.mkdtemp()
conf = Configuration(product="TP", api_key="test-api-key", shared_key="test-shared-key",
                     file_key="57fe8a39a4ec3d4d2e6b8aa2e1f3a9c5", file_iv="a5f1b5e6c3d2e1f4",
                     api_domain=domain, api_protocol="http", signature_verifier=OurKey, file_path=d,
                     is_guard_file_enabled=False)
manager = LicenseManager(conf)
lic = {}
def activate():
    lic["l"] = manager.activate_license(LicenseID.from_key("LS-VALID-0001"))
    l = lic["l"]
    return dict(key=l.key(), valid=l.is_valid(), type=l.license_type(), expired=l.is_expired(), trial=l.is_trial(), floating=l.is_floating(), features=l.features())
step("manager.activate_license", activate)
step("license.check", lambda: lic["l"].check() is not None and "checked")
step("license.data", lambda: (lic["l"].customer_information() if hasattr(lic["l"], "customer_information") else None, lic["l"].custom_fields() if hasattr(lic["l"], "custom_fields") else None))
step("license.deactivate", lambda: lic["l"].deactivate())

conf_user = Configuration(product="UP", api_key="test-api-key", shared_key="test-shared-key",
                     file_key="57fe8a39a4ec3d4d2e6b8aa2e1f3a9c5", file_iv="a5f1b5e6c3d2e1f4",
                     api_domain=domain, api_protocol="http", signature_verifier=OurKey, file_path=tempfile.mkdtemp(),
                     is_guard_file_enabled=False)
m2 = LicenseManager(conf_user)
step("manager.activate_license user", lambda: m2.activate_license(LicenseID.from_user("demo-user@example.com", "demo-password"), hardware_id=None).check() is not None and "checked")

for r in results:
    print(*r, sep=" | ")
sys.exit(0 if all(r[1] == "ok" for r in results) else 1)
