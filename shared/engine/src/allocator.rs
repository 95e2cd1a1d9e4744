//! How the process's allocator hands memory back. glibc's malloc serves blocks of 128 KiB and
//! more from their own mappings, but raises that threshold to the size of every such block
//! freed (up to 32 MiB): after the first page body (up to 2 MiB) is dropped, later page bodies,
//! DOM trees and main texts come from the heap arenas, where freed memory mostly stays in the
//! process. On the 2 MiB-page site that kept the worker's resident set near twice its heap.

/// Keeps large blocks in their own mappings (returned to the system when freed) for the rest
/// of the process. Call first thing in `main`.
pub fn keep_large_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets a tuning parameter of glibc's allocator; any value is valid.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES);
    }
}

/// glibc's own starting threshold, kept fixed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const LARGE_BLOCK_BYTES: libc::c_int = 128 * 1024;
