// Large tables that are probed at random (the query index, the load-time name tables) live on
// huge pages where the kernel allows: a random lookup then does not also pay a TLB miss.
#ifndef COMPLIANCE_SRC_HUGE_PAGES_HPP
#define COMPLIANCE_SRC_HUGE_PAGES_HPP

#include <cstddef>

namespace compliance::detail {

/// `bytes` aligned to `align`; from 1 MiB up, 2 MiB-aligned and advised to the kernel as huge
/// pages. Throws std::bad_alloc.
void* allocate_huge(std::size_t bytes, std::size_t align);
/// Frees what allocate_huge(bytes, align) returned.
void release_huge(void* p, std::size_t bytes, std::size_t align) noexcept;

/// An allocator for large randomly probed tables (the query index, the load-time name tables):
/// on huge pages, a random lookup does not also pay a TLB miss per page walk.
template <class T>
struct huge_page_allocator {
  using value_type = T;
  huge_page_allocator() = default;
  template <class U>
  huge_page_allocator(const huge_page_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_huge(n * sizeof(T), alignof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { release_huge(p, n * sizeof(T), alignof(T)); }
  template <class U>
  bool operator==(const huge_page_allocator<U>&) const noexcept { return true; }
  template <class U>
  bool operator!=(const huge_page_allocator<U>&) const noexcept { return false; }
};

} // namespace compliance::detail

#endif
