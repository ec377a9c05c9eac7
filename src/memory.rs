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
//!
//! glibc can do the same for every block (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`), but only
//! when the variable is set before the program starts, which a user's shell does not do. The
//! kernel may compact memory to find a huge page (the `defrag` setting `madvise`, the common
//! default): on a long-running machine whose memory is fragmented, a first touch of a large
//! block may then take longer. This is for the command-line program and the benchmarks; a
//! program that embeds the library chooses its own allocator.
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
        // A block that stayed where it was and did not grow was advised already, or is too
        // small to be: no second system call.
        if block != ptr || new_size > layout.size() {
            advise(block, new_size);
        }
        block
    }
}

/// The whole huge pages inside `size` bytes at address `block`, as a range of addresses, when
/// the block is at least [`LARGE`] bytes and holds one.
fn huge_pages_within(block: usize, size: usize) -> Option<std::ops::Range<usize>> {
    if block == 0 || size < LARGE {
        return None;
    }
    let start = block.checked_next_multiple_of(HUGE_PAGE)?;
    let end = block.checked_add(size)? / HUGE_PAGE * HUGE_PAGE;
    (end > start).then_some(start..end)
}

/// Asks for huge pages for the whole 2 MiB pages inside `size` bytes at `block`, when the block
/// is [`LARGE`].
#[cfg(target_os = "linux")]
fn advise(block: *mut u8, size: usize) {
    if let Some(pages) = huge_pages_within(block as usize, size) {
        // SAFETY: `pages` lies inside the block just allocated, which this program owns;
        // MADV_HUGEPAGE changes how its pages are backed, never what they hold. A refusal
        // (no huge pages in this kernel) leaves the memory as it was: the result is ignored.
        unsafe {
            libc::madvise(
                pages.start as *mut libc::c_void,
                pages.end - pages.start,
                libc::MADV_HUGEPAGE,
            );
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *mut u8, _: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1 << 20;

    #[test]
    fn only_whole_huge_pages_inside_a_large_block_are_advised() {
        // Below 4 MiB nothing, whatever the alignment.
        assert_eq!(huge_pages_within(64 * MIB, LARGE - 1), None);
        assert_eq!(huge_pages_within(0, 64 * MIB), None);
        // Exactly 4 MiB on a huge page: both pages.
        assert_eq!(huge_pages_within(64 * MIB, LARGE), Some(64 * MIB..68 * MIB));
        // 4 MiB starting 16 bytes in: only the one whole page inside.
        assert_eq!(
            huge_pages_within(64 * MIB + 16, LARGE),
            Some(66 * MIB..68 * MIB)
        );
        // 5 MiB starting 1 MiB in: the pages at 2 and 4 MiB, not the half page at 6.
        assert_eq!(huge_pages_within(MIB, 5 * MIB), Some(2 * MIB..6 * MIB));
        // A block at the very top of the address space: no overflow, nothing.
        assert_eq!(huge_pages_within(usize::MAX - MIB, LARGE), None);
        // Every range lies inside its block and is aligned.
        for offset in [0, 1, 4095, 4096, MIB, 2 * MIB - 1] {
            for size in [LARGE, LARGE + 1, 7 * MIB + 3, 64 * MIB] {
                let block = 128 * MIB + offset;
                let pages = huge_pages_within(block, size).unwrap();
                assert!(block <= pages.start && pages.end <= block + size);
                assert_eq!(pages.start % HUGE_PAGE, 0);
                assert_eq!(pages.end % HUGE_PAGE, 0);
            }
        }
    }
}
