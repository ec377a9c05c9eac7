//! The allocator the `counterpoint` binary and the benchmarks run on: the system's, asking the
//! kernel to back large blocks with huge pages.
//!
//! A 100,000-node map is about 30 MB of nodes, relations and text, written once as it is read.
//! On 4 KiB pages that is some 8,000 page faults, a fifth of the time `check` takes; the same
//! memory in 2 MiB pages faults a few dozen times. Linux gives huge pages to memory that asks
//! for them (`madvise(MADV_HUGEPAGE)`, the setting most systems ship with); [`Allocator`] asks
//! for the whole 2 MiB pages inside every block of at least [`LARGE`] bytes, and leaves smaller
//! blocks alone, so a small map takes no more memory than before. Where the kernel has no huge
//! pages to give, or on other systems, nothing changes.
#![allow(unsafe_code)] // A global allocator is an `unsafe impl`; each block says why it is sound.

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks of at least this many bytes are offered huge pages.
pub const LARGE: usize = 4 << 20;

/// The size of a huge page on x86-64 and most 64-bit Arm systems.
const HUGE_PAGE: usize = 2 << 20;

/// The system allocator, with huge pages for large blocks (see the module's documentation).
///
/// ```ignore
/// #[global_allocator]
/// static ALLOCATOR: counterpoint::memory::Allocator = counterpoint::memory::Allocator;
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Allocator;

// SAFETY: every call is passed to `System` unchanged, with the caller's own guarantees, and its
// result is returned unchanged. `advise` only gives the kernel a hint about memory the block
// owns; it neither reads nor writes it.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `GlobalAlloc::alloc` are `System`'s.
        let block = unsafe { System.alloc(layout) };
        advise(block, layout.size());
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        advise(block, layout.size());
        block
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` through this allocator, with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `System` through this allocator, with this layout.
        let block = unsafe { System.realloc(ptr, layout, new_size) };
        advise(block, new_size);
        block
    }
}

/// Asks for huge pages for the whole 2 MiB pages inside `size` bytes at `block`, when the block
/// is [`LARGE`].
#[cfg(target_os = "linux")]
fn advise(block: *mut u8, size: usize) {
    if block.is_null() || size < LARGE {
        return;
    }
    let start = (block as usize).next_multiple_of(HUGE_PAGE);
    let end = (block as usize + size) / HUGE_PAGE * HUGE_PAGE;
    if end > start {
        // SAFETY: `start..end` lies inside the block just allocated, which this program owns;
        // MADV_HUGEPAGE changes how its pages are backed, never what they hold. A refusal
        // (no huge pages in this kernel) leaves the memory as it was: the result is ignored.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}
