#ifndef COMPLIANCE_DATE_HPP
#define COMPLIANCE_DATE_HPP

/// \file
/// Calendar dates: strict `YYYY-MM-DD` parsing and printing, and the clamping month arithmetic
/// the coverage rules are written in.

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace compliance {

/// A calendar date. A point in time, never a duration: lengths are months or days.
using date = boost::gregorian::date;

/// The earliest date the library reasons about (Boost's range starts in 1400).
inline date min_date() { return date(1400, 1, 1); }
/// The latest date the library reasons about; an interval ending here is open-ended.
inline date max_date() { return date(9999, 12, 31); }

/// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day, a real calendar day).
/// Anything else, `2024-2-1`, `2024-Feb-01`, `20240201`, `2023-02-30`, a time suffix or
/// surrounding blanks, gives `std::nullopt`. Never throws.
std::optional<date> parse_date(std::string_view text) noexcept;

/// Like parse_date, but throws std::invalid_argument naming the text. For tests and builders.
date date_from_string(std::string_view text);

/// Prints `YYYY-MM-DD`.
std::string to_string(date d);

/// Adds `months` calendar months keeping the day of month, clamped to the target month's last
/// day: 2024-01-31 + 1 = 2024-02-29, 2024-02-29 + 12 = 2025-02-28. Saturates at
/// min_date()/max_date() instead of overflowing. Series of due dates are always computed from
/// their anchor (`add_months(anchor, 12 * k)`), never by stepping from the previous one.
date add_months(date d, long months) noexcept;

/// Adds (or with a negative count, subtracts) days, saturating at min_date()/max_date().
date add_days(date d, long days) noexcept;

/// Days from `from` to `to` (negative when `to` is earlier).
long days_between(date from, date to) noexcept;

} // namespace compliance

#endif
