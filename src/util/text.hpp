// Sentences for findings and worklist items, assembled in one allocation: `cat({"The report ",
// id, " ended on ", day, "."})` measures its pieces, sizes its string once and copies each in
// turn, where a chain of `+` would allocate and copy again at every step that outgrows it.
#ifndef COMPLIANCE_SRC_TEXT_HPP
#define COMPLIANCE_SRC_TEXT_HPP

#include "compliance/date.hpp"

#include <charconv>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>

namespace compliance::detail {

/// Writes `d` as to_string(d) does (YYYY-MM-DD, or "(no date)" for a special value) into `out`,
/// which holds at least 10 characters; returns the count written.
std::size_t write_date(date d, char* out) noexcept;

/// One piece of a sentence: text (borrowed: it must outlive the cat() call), a date or a number
/// (written into the piece itself).
class piece {
public:
  piece(std::string_view s) noexcept : text_(s) {}
  piece(const std::string& s) noexcept : text_(s) {}
  piece(const char* s) noexcept : text_(s) {}
  piece(date d) noexcept : own_(static_cast<unsigned char>(write_date(d, buffer_))) {}
  piece(long n) noexcept : own_(static_cast<unsigned char>(std::to_chars(buffer_, buffer_ + sizeof buffer_, n).ptr - buffer_)) {}

  std::string_view view() const noexcept { return own_ ? std::string_view(buffer_, own_) : text_; }

private:
  std::string_view text_;
  char buffer_[20]; ///< a date or a number: 20 characters hold any long
  unsigned char own_ = 0;
};

/// The pieces, one after the other, in one string.
inline std::string cat(std::initializer_list<piece> pieces) {
  std::size_t size = 0;
  for (const auto& p : pieces) size += p.view().size();
  std::string out(size, '\0');
  char* at = out.data();
  for (const auto& p : pieces) {
    const auto v = p.view();
    std::memcpy(at, v.data(), v.size());
    at += v.size();
  }
  return out;
}

} // namespace compliance::detail

#endif
