#include "huge_pages.hpp"

#include <cstdlib>
#include <new>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

namespace compliance::detail {

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
constexpr std::size_t huge_threshold = std::size_t{1} << 20;
std::size_t huge_bytes(std::size_t bytes) { return (bytes + huge_page - 1) / huge_page * huge_page; }
} // namespace

void* allocate_huge(std::size_t bytes, std::size_t align) {
  if (bytes < huge_threshold) return ::operator new(bytes, std::align_val_t(align));
  void* p = std::aligned_alloc(huge_page, huge_bytes(bytes));
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(p, huge_bytes(bytes), MADV_HUGEPAGE); // advice only: failure changes nothing
#endif
  return p;
}

void release_huge(void* p, std::size_t bytes, std::size_t align) noexcept {
  if (bytes < huge_threshold) ::operator delete(p, std::align_val_t(align));
  else std::free(p);
}

} // namespace compliance::detail
