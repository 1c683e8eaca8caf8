//! The OS machine id on Windows (`MachineGuid` from the registry) and macOS
//! (`IOPlatformUUID` from IOKit), through the system libraries directly.
//!
//! UNTESTED: no Windows or macOS target is installed on the build machine, so this file is
//! not even compile-checked there (docs/fingerprint.md says so). Both values are readable by
//! every user, like `/etc/machine-id`.

/// `HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid` (64-bit registry view).
#[cfg(windows)]
pub(crate) fn os_machine_id() -> Option<String> {
    use std::os::raw::c_void;

    #[link(name = "advapi32")]
    unsafe extern "system" {
        fn RegGetValueW(
            hkey: *mut c_void,
            sub_key: *const u16,
            value: *const u16,
            flags: u32,
            kind: *mut u32,
            data: *mut c_void,
            data_len: *mut u32,
        ) -> i32;
    }
    // HKEY_LOCAL_MACHINE is the sign-extended 0x80000002.
    let hklm = (0x8000_0002u32 as i32 as isize) as *mut c_void;
    const RRF_RT_REG_SZ: u32 = 0x0000_0002;
    const RRF_SUBKEY_WOW6464KEY: u32 = 0x0001_0000;
    let wide = |s: &str| {
        s.encode_utf16()
            .chain(std::iter::once(0))
            .collect::<Vec<u16>>()
    };
    let key = wide("SOFTWARE\\Microsoft\\Cryptography");
    let name = wide("MachineGuid");
    let mut buf = [0u16; 128];
    let mut len = (buf.len() * 2) as u32;
    // SAFETY: all pointers are valid for the call; `len` is the buffer size in bytes.
    let rc = unsafe {
        RegGetValueW(
            hklm,
            key.as_ptr(),
            name.as_ptr(),
            RRF_RT_REG_SZ | RRF_SUBKEY_WOW6464KEY,
            std::ptr::null_mut(),
            buf.as_mut_ptr().cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return None;
    }
    let chars = (len as usize / 2).min(buf.len());
    let text = String::from_utf16_lossy(&buf[..chars]);
    let text = text.trim_end_matches('\0').trim();
    (!text.is_empty()).then(|| text.to_ascii_lowercase())
}

/// `IOPlatformUUID` of the `IOPlatformExpertDevice` registry entry.
#[cfg(target_os = "macos")]
pub(crate) fn os_machine_id() -> Option<String> {
    use std::os::raw::{c_char, c_void};

    type CFTypeRef = *const c_void;
    #[link(name = "CoreFoundation", kind = "framework")]
    unsafe extern "C" {
        static kCFAllocatorDefault: CFTypeRef;
        fn CFStringCreateWithCString(
            alloc: CFTypeRef,
            s: *const c_char,
            encoding: u32,
        ) -> CFTypeRef;
        fn CFStringGetCString(s: CFTypeRef, buf: *mut c_char, len: isize, encoding: u32) -> u8;
        fn CFRelease(cf: CFTypeRef);
    }
    #[link(name = "IOKit", kind = "framework")]
    unsafe extern "C" {
        fn IOServiceMatching(name: *const c_char) -> *mut c_void;
        fn IOServiceGetMatchingService(main_port: u32, matching: *mut c_void) -> u32;
        fn IORegistryEntryCreateCFProperty(
            entry: u32,
            key: CFTypeRef,
            alloc: CFTypeRef,
            options: u32,
        ) -> CFTypeRef;
        fn IOObjectRelease(object: u32) -> i32;
    }
    const UTF8: u32 = 0x0800_0100;
    // SAFETY: documented IOKit/CoreFoundation calls; every created object is released, the
    // matching dictionary is consumed by IOServiceGetMatchingService.
    unsafe {
        let service =
            IOServiceGetMatchingService(0, IOServiceMatching(c"IOPlatformExpertDevice".as_ptr()));
        if service == 0 {
            return None;
        }
        let key = CFStringCreateWithCString(kCFAllocatorDefault, c"IOPlatformUUID".as_ptr(), UTF8);
        let value = IORegistryEntryCreateCFProperty(service, key, kCFAllocatorDefault, 0);
        CFRelease(key);
        IOObjectRelease(service);
        if value.is_null() {
            return None;
        }
        let mut buf = [0 as c_char; 128];
        let ok = CFStringGetCString(value, buf.as_mut_ptr(), buf.len() as isize, UTF8);
        CFRelease(value);
        if ok == 0 {
            return None;
        }
        let text = std::ffi::CStr::from_ptr(buf.as_ptr())
            .to_string_lossy()
            .trim()
            .to_ascii_lowercase();
        (!text.is_empty()).then_some(text)
    }
}

/// Other systems have no native source here; they use the Linux-style files if present.
#[cfg(not(any(windows, target_os = "macos")))]
pub(crate) fn os_machine_id() -> Option<String> {
    None
}
