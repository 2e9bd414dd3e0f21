#include "util/huge_pages.hpp"

#include <cstdlib>
#include <new>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#endif

namespace compliance::detail {

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
constexpr std::size_t huge_threshold = std::size_t{1} << 20;
[[maybe_unused]] std::size_t huge_bytes(std::size_t bytes) { return (bytes + huge_page - 1) / huge_page * huge_page; }
} // namespace

// std::aligned_alloc is C11's, which not every C++17 library offers (MSVC's does not): where it
// is missing, large tables take the aligned operator new like small ones, without the advice.
#if defined(_WIN32) || defined(COMPLIANCE_PLAIN)
#define COMPLIANCE_HAVE_ALIGNED_ALLOC 0
#else
#define COMPLIANCE_HAVE_ALIGNED_ALLOC 1
#endif

void* allocate_huge(std::size_t bytes, std::size_t align) {
  if (!COMPLIANCE_HAVE_ALIGNED_ALLOC || bytes < huge_threshold) return ::operator new(bytes, std::align_val_t(align));
#if COMPLIANCE_HAVE_ALIGNED_ALLOC
  void* p = std::aligned_alloc(huge_page, huge_bytes(bytes));
  if (!p) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(p, huge_bytes(bytes), MADV_HUGEPAGE); // advice only: failure changes nothing
#endif
  return p;
#endif
}

void release_huge(void* p, std::size_t bytes, std::size_t align) noexcept {
  if (!COMPLIANCE_HAVE_ALIGNED_ALLOC || bytes < huge_threshold) ::operator delete(p, std::align_val_t(align));
  else std::free(p);
}

} // namespace compliance::detail
