// A flat open-addressing table from names to indexes, for checking a document's ids and
// resolving its references at load: the names are views (into a string_arena that outlives the
// table), so inserting one costs one probe and no allocation of its own.
#ifndef COMPLIANCE_SRC_NAME_TABLE_HPP
#define COMPLIANCE_SRC_NAME_TABLE_HPP

#include "registry/registry_impl.hpp"
#include "util/bytes.hpp"
#include "util/name_hash.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace compliance::detail {

/// Copies of strings at addresses that never change (blocks are never moved or freed before the
/// arena), for tables that outlive the objects their names came from.
class string_arena {
public:
  /// A copy of `s`, valid for the arena's life.
  std::string_view keep(std::string_view s) {
    if (s.size() > room_) {
      const std::size_t size = std::max(block_size, s.size());
      blocks_.emplace_back(new char[size]);
      next_ = blocks_.back().get();
      room_ = size;
    }
    if (!s.empty()) std::memcpy(next_, s.data(), s.size());
    const std::string_view copy(next_, s.size());
    next_ += s.size();
    room_ -= s.size();
    return copy;
  }

private:
  static constexpr std::size_t block_size = std::size_t(1) << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t room_ = 0;
};

/// Names → indexes; `IgnoreCase`: ASCII letters match in any case (vendor names, G2).
template <bool IgnoreCase>
class name_table {
public:
  explicit name_table(std::size_t expected = 0) : entries_(table_capacity(expected)) {}

  /// Adds `name` → `value` unless the name is there: the value stored for it, and whether it
  /// was added.
  /// `value` is below 2^32 - 1 (an index of a vendor or of an evidence).
  std::pair<std::size_t, bool> insert(std::string_view name, std::size_t value) {
    if (2 * (size_ + 1) > entries_.size()) grow();
    const auto h = hash(name);
    auto i = slot(name, h);
    if (entries_[i].used()) return {entries_[i].value, false};
    entries_[i] = entry{h, static_cast<std::uint32_t>(value), name};
    ++size_;
    return {value, true};
  }

  /// Starts loading the slot where `name` would go, so that an insert or find of it soon after
  /// does not wait for memory (a table of a large registry is far bigger than the caches).
  void prefetch(std::string_view name) const noexcept {
    detail::prefetch(&entries_[hash(name) & (entries_.size() - 1)]);
  }

  /// The value stored for `name`, or nullptr.
  const std::uint32_t* find(std::string_view name) const noexcept {
    const auto& e = entries_[slot(name, hash(name))];
    return e.used() ? &e.value : nullptr;
  }

private:
  /// 24 bytes: a large registry's tables are written fresh on every load, so their size is time.
  struct entry {
    std::uint32_t hash = 0;
    std::uint32_t value = unused;
    std::string_view name;
    bool used() const noexcept { return value != unused; }
  };
  static constexpr std::uint32_t unused = 0xFFFFFFFFu;

  static std::uint32_t hash(std::string_view name) noexcept {
    std::uint64_t h;
    if constexpr (IgnoreCase) h = name_hash(name);
    else h = std::hash<std::string_view>{}(name);
    return static_cast<std::uint32_t>(h ^ (h >> 32));
  }

  /// The slot holding `name`, or the free slot where it would go.
  std::size_t slot(std::string_view name, std::uint32_t h) const noexcept {
    const std::size_t mask = entries_.size() - 1;
    for (auto i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
      const auto& e = entries_[i];
      if (!e.used()) return i;
      if (e.hash == h && (IgnoreCase ? iequals(e.name, name) : e.name == name)) return i;
    }
  }

  void grow() {
    std::vector<entry, huge_page_allocator<entry>> old(entries_.size() * 2);
    old.swap(entries_);
    for (const auto& e : old)
      if (e.used()) entries_[slot(e.name, e.hash)] = e;
  }

  std::vector<entry, huge_page_allocator<entry>> entries_;
  std::size_t size_ = 0;
};

} // namespace compliance::detail

#endif
