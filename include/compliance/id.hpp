#ifndef COMPLIANCE_ID_HPP
#define COMPLIANCE_ID_HPP

/// \file
/// Distinct identifier types: a vendor id is not a framework id is not an evidence id.

#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace compliance {

/// A string identifier that cannot be confused with another kind of identifier: construction is
/// explicit and there is no conversion between two `basic_id`s of different tags.
template <class Tag>
class basic_id {
public:
  basic_id() = default;
  /// Wraps `value` (not validated: registries validate ids when they are built).
  explicit basic_id(std::string value) : value_(std::move(value)) {}
  explicit basic_id(std::string_view value) : value_(value) {}
  explicit basic_id(const char* value) : value_(value) {}

  /// Replaces the identifier with `value` (not validated), reusing the storage already held:
  /// an object refilled again and again (a decoded vendor) allocates only when an id outgrows it.
  void assign(std::string_view value) {
    if (value.size() == value_.size()) // as long as the last: overwritten in place, without a call
      std::string::traits_type::move(value_.data(), value.data(), value.size());
    else
      value_.assign(value.data(), value.size());
  }

  /// The identifier as written.
  const std::string& str() const noexcept { return value_; }
  bool empty() const noexcept { return value_.empty(); }

  friend bool operator==(const basic_id& a, const basic_id& b) noexcept { return a.value_ == b.value_; }
  friend bool operator!=(const basic_id& a, const basic_id& b) noexcept { return a.value_ != b.value_; }
  friend bool operator<(const basic_id& a, const basic_id& b) noexcept { return a.value_ < b.value_; }
  friend std::ostream& operator<<(std::ostream& os, const basic_id& id) { return os << id.value_; }

private:
  std::string value_;
};

struct vendor_tag {};
struct framework_tag {};
struct evidence_tag {};

/// How queries name a vendor (`braze`); aliases resolve to it.
using vendor_id = basic_id<vendor_tag>;
/// A framework of the catalog (`iso27001`, `soc2`, `pci-dss`, ...).
using framework_id = basic_id<framework_tag>;
/// One piece of evidence, unique across the registry.
using evidence_id = basic_id<evidence_tag>;

/// True when `s` is a valid registry id: non-empty, only `[a-z0-9._-]`.
inline bool is_valid_id(std::string_view s) noexcept {
  if (s.empty()) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

} // namespace compliance

template <class Tag>
struct std::hash<compliance::basic_id<Tag>> {
  std::size_t operator()(const compliance::basic_id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};

#endif
