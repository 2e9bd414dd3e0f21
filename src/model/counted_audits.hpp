// The audits of a certificate that count for its surveillance (C5), by date: kept in place for
// the usual handful, so a query allocates nothing to list them. Shared by the surveillance
// schedule (surveillance.cpp) and the rule on major nonconformities (rules/certificates.cpp).
#ifndef COMPLIANCE_SRC_MODEL_COUNTED_AUDITS_HPP
#define COMPLIANCE_SRC_MODEL_COUNTED_AUDITS_HPP

#include "compliance/surveillance.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace compliance::detail {

/// counts_for_surveillance's audits of a certificate, sorted by date.
class counted_audits {
public:
  explicit counted_audits(const certificate& c) {
    const std::size_t all = c.audits ? c.audits->size() : 0;
    if (all > few) many_.resize(all);
    data_ = many_.empty() ? in_place_ : many_.data();
    if (c.audits)
      for (const auto& a : *c.audits)
        if (counts_for_surveillance(c, a)) data_[count_++] = &a;
    std::sort(data_, data_ + count_, [](const audit* x, const audit* y) { return x->on < y->on; });
  }
  counted_audits(const counted_audits&) = delete;
  counted_audits& operator=(const counted_audits&) = delete;

  std::size_t size() const noexcept { return count_; }
  const audit& operator[](std::size_t i) const noexcept { return *data_[i]; }

private:
  static constexpr std::size_t few = 8;
  const audit* in_place_[few] = {};
  std::vector<const audit*> many_;
  const audit** data_ = nullptr;
  std::size_t count_ = 0;
};

} // namespace compliance::detail

#endif
