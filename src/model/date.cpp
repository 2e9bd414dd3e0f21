#include "compliance/date.hpp"

#include "util/text.hpp"

#include <algorithm>
#include <stdexcept>

namespace compliance {

namespace {
bool two_digits(std::string_view s, std::size_t at, int& out) noexcept {
  const char a = s[at], b = s[at + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return false;
  out = (a - '0') * 10 + (b - '0');
  return true;
}
} // namespace

namespace detail {
std::size_t write_date(date d, char* out) noexcept {
  if (d.is_special()) {
    constexpr std::string_view none = "(no date)";
    none.copy(out, none.size());
    return none.size();
  }
  const auto ymd = d.year_month_day();
  // YYYY-MM-DD by hand: messages format many dates, and printf costs more than the rest.
  const unsigned y = ymd.year, m = ymd.month, day = ymd.day; // years 1400-9999: four digits
  const char digits[10] = {static_cast<char>('0' + y / 1000), static_cast<char>('0' + y / 100 % 10),
                           static_cast<char>('0' + y / 10 % 10), static_cast<char>('0' + y % 10), '-',
                           static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), '-',
                           static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  std::copy(digits, digits + sizeof digits, out);
  return sizeof digits;
}
} // namespace detail

std::optional<date> parse_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    y = y * 10 + (s[i] - '0');
  }
  int m = 0, d = 0;
  if (!two_digits(s, 5, m) || !two_digits(s, 8, d)) return std::nullopt;
  if (y < 1400 || m < 1 || m > 12 || d < 1) return std::nullopt;
  const auto last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(y), static_cast<unsigned short>(m));
  if (d > last) return std::nullopt;
  return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

date date_from_string(std::string_view text) {
  if (auto d = parse_date(text)) return *d;
  throw std::invalid_argument("not a YYYY-MM-DD calendar date: \"" + std::string(text) + "\"");
}

std::string to_string(date d) {
  char out[10];
  return std::string(out, detail::write_date(d, out));
}

date add_months(date d, long months) noexcept {
  const auto ymd = d.year_month_day();
  const long index = static_cast<long>(ymd.year) * 12 + (static_cast<long>(ymd.month) - 1) + months;
  const long year = index / 12;
  if (index < 0 || year < 1400) return min_date();
  if (year > 9999) return max_date();
  const auto y = static_cast<unsigned short>(year);
  const auto m = static_cast<unsigned short>(index % 12 + 1);
  const auto last = boost::gregorian::gregorian_calendar::end_of_month_day(y, m);
  const auto day = ymd.day < last ? static_cast<unsigned short>(ymd.day) : last;
  return date(y, m, day);
}

date add_days(date d, long days) noexcept {
  const long span = days_between(d, days >= 0 ? max_date() : min_date());
  if ((days >= 0 && days >= span) || (days < 0 && days <= span)) return days >= 0 ? max_date() : min_date();
  return d + boost::gregorian::date_duration(days);
}

long days_between(date from, date to) noexcept { return static_cast<long>((to - from).days()); }

} // namespace compliance
