// The renewal index (renewal_index.hpp).
#include "index/renewal_index.hpp"

#include <algorithm>

namespace compliance::detail {

namespace {
std::uint32_t day_of(date d) noexcept { return static_cast<std::uint32_t>(d.day_number()); }
} // namespace

void renewal_index::run_ends(std::uint32_t v, date last) {
  if (last.is_special()) return;
  ends_.push_back({day_of(last), v, 0});
}

void renewal_index::audit_due(std::uint32_t v, date due, date grace_until) {
  if (due.is_special() || grace_until.is_special() || grace_until < due) return;
  dues_.push_back({day_of(due), v, day_of(grace_until)});
  longest_grace_ = std::max(longest_grace_, day_of(grace_until) - day_of(due));
}

void renewal_index::finish() {
  const auto by_day = [](const entry& a, const entry& b) { return a.day != b.day ? a.day < b.day : a.vendor < b.vendor; };
  std::sort(ends_.begin(), ends_.end(), by_day);
  std::sort(dues_.begin(), dues_.end(), by_day);
  ends_.shrink_to_fit();
  dues_.shrink_to_fit();
}

void renewal_index::clear() noexcept {
  ends_.clear();
  dues_.clear();
  longest_grace_ = 0;
}

std::vector<std::uint32_t> renewal_index::candidates(date on, date horizon) const {
  std::vector<std::uint32_t> out;
  if (on.is_special() || horizon.is_special() || horizon < on) return out;
  const std::uint32_t first = day_of(on), last = day_of(horizon);
  const auto from = [](const std::vector<entry>& v, std::uint32_t day) {
    return std::lower_bound(v.begin(), v.end(), day, [](const entry& e, std::uint32_t d) { return e.day < d; });
  };
  for (auto it = from(ends_, first); it != ends_.end() && it->day <= last; ++it) out.push_back(it->vendor);
  const std::uint32_t earliest = first >= longest_grace_ ? first - longest_grace_ : 0;
  for (auto it = from(dues_, earliest); it != dues_.end() && it->day <= last; ++it)
    if (it->until >= first) out.push_back(it->vendor);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::size_t renewal_index::bytes() const noexcept {
  return (ends_.capacity() + dues_.capacity()) * sizeof(entry);
}

} // namespace compliance::detail
