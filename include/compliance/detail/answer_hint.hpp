#ifndef COMPLIANCE_DETAIL_ANSWER_HINT_HPP
#define COMPLIANCE_DETAIL_ANSWER_HINT_HPP

/// \file
/// Not part of the API: the note a registry keeps in a requirement about how it answers it.

#include <atomic>
#include <cstdint>

namespace compliance::detail {

/// One 64-bit word that any thread may read or write at any time (relaxed atomics: a reader sees
/// either an old note or a whole new one, and every note is correct for the registry it names).
/// A cache, not a value: copies start empty, and comparisons ignore it.
class answer_hint {
public:
  answer_hint() = default;
  answer_hint(const answer_hint&) noexcept {}
  answer_hint& operator=(const answer_hint&) noexcept {
    clear();
    return *this;
  }
  std::uint64_t load() const noexcept { return word_.load(std::memory_order_relaxed); }
  void store(std::uint64_t word) const noexcept { word_.store(word, std::memory_order_relaxed); }
  void clear() const noexcept { store(0); }

private:
  mutable std::atomic<std::uint64_t> word_{0};
};

} // namespace compliance::detail

#endif
