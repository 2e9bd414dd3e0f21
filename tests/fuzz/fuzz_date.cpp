// libFuzzer target: strict dates (registry-format.md) — parse_date never crashes, accepts only
// YYYY-MM-DD calendar days, and prints back to the same text.
#include <compliance/date.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto d = compliance::parse_date(text);
  if (d && compliance::to_string(*d) != text) std::abort();
  if (d) {
    // Month arithmetic saturates instead of throwing, whatever the count.
    const long months = size > 10 ? static_cast<long>(data[10]) * 1000 - 128000 : 1;
    (void)compliance::add_months(*d, months);
    (void)compliance::add_days(*d, months * 40);
  }
  return 0;
}
