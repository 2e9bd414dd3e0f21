// The renewal index (renewal_index.hpp).
#include "index/renewal_index.hpp"

#include <algorithm>

namespace compliance::detail {

namespace {
std::uint32_t day_of(date d) noexcept { return static_cast<std::uint32_t>(d.day_number()); }
} // namespace

void renewal_index::run_ends(std::uint32_t v, date last) {
  if (last.is_special()) return;
  added_.emplace_back(day_of(last), v);
}

void renewal_index::audit_due(std::uint32_t v, date due_on, date grace_until) {
  if (due_on.is_special() || grace_until.is_special() || grace_until < due_on) return;
  added_.emplace_back(day_of(due_on), v);
  longest_grace_ = std::max(longest_grace_, day_of(grace_until) - day_of(due_on));
}

void renewal_index::finish() {
  std::sort(added_.begin(), added_.end());
  added_.erase(std::unique(added_.begin(), added_.end()), added_.end()); // a run counted for several frameworks (C11) is one
  days_.clear();
  first_.clear();
  vendors_.clear();
  vendors_.reserve(added_.size());
  for (const auto& [day, vendor] : added_) {
    if (days_.empty() || days_.back() != day) {
      days_.push_back(day);
      first_.push_back(static_cast<std::uint32_t>(vendors_.size()));
    }
    vendors_.push_back(vendor);
  }
  first_.push_back(static_cast<std::uint32_t>(vendors_.size()));
  days_.shrink_to_fit();
  first_.shrink_to_fit();
  std::vector<std::pair<std::uint32_t, std::uint32_t>>().swap(added_);
}

void renewal_index::clear() noexcept {
  added_.clear();
  days_.clear();
  first_.clear();
  vendors_.clear();
  longest_grace_ = 0;
}

std::vector<std::uint32_t> renewal_index::candidates(date on, date horizon) const {
  std::vector<std::uint32_t> out;
  if (on.is_special() || horizon.is_special() || horizon < on || days_.empty()) return out;
  // A run ending in the window, or a due date in it or up to longest_grace_ days before it (a
  // run ending just before the window as well: a superset is enough).
  const std::uint32_t first = day_of(on), last = day_of(horizon);
  const std::uint32_t earliest = first >= longest_grace_ ? first - longest_grace_ : 0;
  const auto from = static_cast<std::size_t>(std::lower_bound(days_.begin(), days_.end(), earliest) - days_.begin());
  const auto to = static_cast<std::size_t>(std::upper_bound(days_.begin(), days_.end(), last) - days_.begin());
  if (from >= to) return out;
  out.assign(vendors_.begin() + first_[from], vendors_.begin() + first_[to]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t renewal_index::bytes() const noexcept {
  return (days_.capacity() + first_.capacity() + vendors_.capacity() + 2 * added_.capacity()) * sizeof(std::uint32_t);
}

} // namespace compliance::detail
