// The position pass, run only when there is something to report: line:column for every
// diagnostic's JSON pointer, every repeated key, and a plain explanation of a syntax error
// (Boost.JSON says only "syntax error"; the text where it stopped says what is wrong).
#include "io/json_internal.hpp"
#include "io/tape_handler.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace compliance::detail {

// ---------------------------------------------------------------------------------------------
// Positions: the second pass, only when there is something to report.

namespace {

/// A basic_parser handler that follows the text: the parser tells which token came (but not
/// where, and escaped strings come from its own buffer), and the text tells where it is: each
/// token starts at the first character after the previous one that is not blank, ',' or ':'.
class locator_handler {
public:
  static constexpr std::size_t max_object_size = json::object::max_size();
  static constexpr std::size_t max_array_size = json::array::max_size();
  static constexpr std::size_t max_key_size = max_json_string_bytes;
  static constexpr std::size_t max_string_size = max_json_string_bytes;

  locator_handler(std::string_view text, const std::unordered_set<std::string>& wanted, bool find_duplicates)
      : text_(text), wanted_(wanted), find_duplicates_(find_duplicates) {}

  std::unordered_map<std::string, std::size_t> found;            ///< wanted pointer → offset of its value
  struct duplicate {
    std::string pointer;
    std::string key;
    std::size_t offset;
  };
  std::vector<duplicate> duplicates; ///< every repeated key, at its second (third...) occurrence

  /// Where parsing stopped, for a syntax failure: the token being read, else the next one.
  std::size_t stop_offset() const noexcept {
    if (in_key_) return key_start_;
    if (in_string_ || in_number_) return token_start_;
    return std::min(skip(), text_.size());
  }

  /// The pointer of the value being read where parsing stopped.
  std::string stop_pointer() const {
    if (in_string_ || in_number_) return pending_;
    if (frames_.empty()) return {};
    const frame& f = frames_.back();
    std::string p = f.pointer;
    if (f.object && f.after_key) append_pointer_token(p, f.key);
    else if (!f.object) append_pointer_index(p, f.index);
    return p;
  }

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) { return open(true); }
  bool on_object_end(std::size_t, error_code&) { return close(); }
  bool on_array_begin(error_code&) { return open(false); }
  bool on_array_end(std::size_t, error_code&) { return close(); }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    start_key();
    key_.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    start_key();
    key_.append(s.data(), s.size());
    in_key_ = false;
    cursor_ = string_end(key_start_);
    frame& f = frames_.back();
    f.key = key_;
    f.after_key = true;
    if (find_duplicates_ && !f.keys.insert(key_).second) {
      std::string p = f.pointer;
      append_pointer_token(p, key_);
      duplicates.push_back({std::move(p), key_, key_start_});
    }
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, error_code&) {
    start_token(in_string_);
    return true;
  }
  bool on_string(json::string_view, std::size_t, error_code&) {
    start_token(in_string_);
    in_string_ = false;
    cursor_ = string_end(token_start_);
    return true;
  }
  bool on_number_part(json::string_view, error_code&) {
    start_token(in_number_);
    return true;
  }
  bool on_int64(std::int64_t, json::string_view, error_code&) { return end_number(); }
  bool on_uint64(std::uint64_t, json::string_view, error_code&) { return end_number(); }
  bool on_double(double, json::string_view, error_code&) { return end_number(); }
  bool on_bool(bool b, error_code&) {
    const std::size_t at = skip();
    value_at(at);
    cursor_ = at + (b ? 4 : 5);
    return true;
  }
  bool on_null(error_code&) {
    const std::size_t at = skip();
    value_at(at);
    cursor_ = at + 4;
    return true;
  }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

private:
  struct frame {
    bool object = false;
    bool after_key = false;
    std::size_t index = 0;
    std::string pointer;
    std::string key;
    std::unordered_set<std::string> keys;
  };

  std::size_t skip() const noexcept {
    std::size_t p = cursor_;
    while (p < text_.size()) {
      const char c = text_[p];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':') ++p;
      else break;
    }
    return p;
  }

  /// One past the closing quote of the string whose opening quote is at `q`.
  std::size_t string_end(std::size_t q) const noexcept {
    std::size_t i = q + 1;
    while (i < text_.size()) {
      if (text_[i] == '\\') i += 2;
      else if (text_[i] == '"') return i + 1;
      else ++i;
    }
    return text_.size();
  }

  /// Records the start of a value, computing its pointer from the enclosing frame.
  void value_at(std::size_t at) {
    pending_.clear();
    if (!frames_.empty()) {
      frame& f = frames_.back();
      pending_ = f.pointer;
      f.after_key = false;
      if (f.object) {
        append_pointer_token(pending_, f.key);
      } else {
        append_pointer_index(pending_, f.index++);
      }
    }
    if (wanted_.count(pending_) != 0) found[pending_] = at; // the last of duplicates is the one kept
  }

  bool open(bool object) {
    const std::size_t at = skip();
    value_at(at);
    frame f;
    f.object = object;
    f.pointer = pending_;
    frames_.push_back(std::move(f));
    cursor_ = at + 1;
    return true;
  }

  bool close() {
    cursor_ = skip() + 1;
    frames_.pop_back();
    return true;
  }

  void start_key() {
    if (in_key_) return;
    in_key_ = true;
    key_start_ = skip();
    key_.clear();
  }

  void start_token(bool& flag) {
    if (flag) return;
    flag = true;
    token_start_ = skip();
    value_at(token_start_);
  }

  bool end_number() {
    start_token(in_number_);
    in_number_ = false;
    std::size_t i = token_start_;
    while (i < text_.size()) {
      const char c = text_[i];
      if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') ++i;
      else break;
    }
    cursor_ = i;
    return true;
  }

  std::string_view text_;
  const std::unordered_set<std::string>& wanted_;
  bool find_duplicates_;
  std::vector<frame> frames_;
  std::string pending_;
  std::string key_;
  std::size_t cursor_ = 0;
  std::size_t key_start_ = 0;
  std::size_t token_start_ = 0;
  bool in_key_ = false;
  bool in_string_ = false;
  bool in_number_ = false;
};

/// Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF; // allowed range of the second byte (no overlong forms, no surrogates)
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) len = 2;
  else if (b >= 0xE0 && b <= 0xEF) { len = 3; if (b == 0xE0) lo = 0xA0; if (b == 0xED) hi = 0x9F; }
  else if (b >= 0xF0 && b <= 0xF4) { len = 4; if (b == 0xF0) lo = 0x90; if (b == 0xF4) hi = 0x8F; }
  else return 0;
  if (i + len > s.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (k == 1 ? (c < lo || c > hi) : (c < 0x80 || c > 0xBF)) return 0;
  }
  return len;
}

std::string hex(unsigned value, int digits) {
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int k = digits - 1; k >= 0; --k, value >>= 4) out[static_cast<std::size_t>(k)] = "0123456789ABCDEF"[value & 15];
  return out;
}

std::string not_utf8(std::string_view text, std::size_t at) {
  return "The text is not valid UTF-8 here (byte 0x" + hex(static_cast<unsigned char>(text[at]), 2) +
         "); a registry is UTF-8 JSON.";
}

/// The four hex digits at `i`, or -1.
long hex4(std::string_view s, std::size_t i) noexcept {
  if (i + 4 > s.size()) return -1;
  long v = 0;
  for (std::size_t k = i; k < i + 4; ++k) {
    const char c = s[k];
    const int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/// Boost.JSON says only "syntax error"; the text where it stopped says what is wrong, and the
/// mistakes of a hand-edited file are few. Moves `at` onto the offending character.
void explain_syntax(std::string_view text, std::size_t& at, std::string& message) {
  message = "The document is not valid JSON here.";
  if (at >= text.size()) {
    message = "The document ends before its JSON value is complete.";
    return;
  }
  if (at == 0 && text.substr(0, 3) == "\xEF\xBB\xBF") {
    message = "The document starts with a byte-order mark; a registry is UTF-8 JSON without one.";
    return;
  }
  const auto c = static_cast<unsigned char>(text[at]);
  if (c == '"') {
    std::size_t i = at + 1;
    while (i < text.size() && text[i] != '"') {
      const auto x = static_cast<unsigned char>(text[i]);
      if (x < 0x20) {
        at = i;
        message = "A control character (U+" + hex(x, 4) + ") must be escaped inside a string (\\n, \\t, \\u" +
                  hex(x, 4) + ").";
        return;
      }
      if (x >= 0x80) {
        const std::size_t len = utf8_length(text, i);
        if (len == 0) {
          at = i;
          message = not_utf8(text, i);
          return;
        }
        i += len;
        continue;
      }
      if (x != '\\') {
        ++i;
        continue;
      }
      const char e = i + 1 < text.size() ? text[i + 1] : '\0';
      if (e != 'u') {
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          at = i;
          message = "\"\\" + std::string(1, e) + "\" is not a JSON escape (use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX).";
          return;
        }
        i += 2;
        continue;
      }
      const long u = hex4(text, i + 2);
      if (u < 0) {
        at = i;
        message = "\"\\u\" must be followed by four hexadecimal digits.";
        return;
      }
      if (u >= 0xD800 && u <= 0xDFFF) {
        const bool paired = u <= 0xDBFF && i + 8 <= text.size() && text[i + 6] == '\\' && text[i + 7] == 'u' &&
                            hex4(text, i + 8) >= 0xDC00 && hex4(text, i + 8) <= 0xDFFF;
        if (!paired) {
          at = i;
          message = "\"\\u" + hex(static_cast<unsigned>(u), 4) +
                    "\" is half of a UTF-16 surrogate pair, without the other half.";
          return;
        }
        i += 12;
        continue;
      }
      i += 6;
    }
    if (i >= text.size()) message = "A string here is not closed before the end of the document.";
    return;
  }
  if (c >= 0x80) {
    if (utf8_length(text, at) == 0) message = not_utf8(text, at);
    return;
  }
  if (c == '/') {
    message = "Comments are not JSON; a registry cannot contain them.";
  } else if (c == '\'') {
    message = "JSON strings take double quotes, not single quotes.";
  } else if (c == '}' || c == ']') {
    std::size_t p = at;
    while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t' || text[p - 1] == '\n' || text[p - 1] == '\r')) --p;
    if (p > 0 && text[p - 1] == ',') {
      at = p - 1;
      message = "A comma here has nothing after it; JSON allows no trailing comma.";
    } else {
      message = "Unexpected '" + std::string(1, static_cast<char>(c)) + "' here; the document is not valid JSON.";
    }
  } else if (c >= 0x20 && c < 0x7F) {
    message = "Unexpected '" + std::string(1, static_cast<char>(c)) + "' here; the document is not valid JSON.";
  }
}

/// 1-based line and column (in code points) of each offset.
void fill_line_column(std::string_view text, std::vector<diagnostic>& diags,
                      const std::vector<std::size_t>& offsets) {
  std::vector<std::size_t> line_starts{0};
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
  for (std::size_t k = 0; k < diags.size(); ++k) {
    if (offsets[k] == std::string_view::npos) continue;
    const std::size_t off = std::min(offsets[k], text.size());
    const auto it = std::upper_bound(line_starts.begin(), line_starts.end(), off) - 1;
    std::size_t column = 1;
    for (std::size_t i = *it; i < off; ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
    diags[k].line = static_cast<std::size_t>(it - line_starts.begin()) + 1;
    diags[k].column = column;
  }
}

} // namespace

void locate(std::string_view text, std::vector<diagnostic>& diags, bool find_duplicates,
            std::optional<diagnostic> syntax_failure) {
  std::unordered_set<std::string> wanted;
  for (const auto& d : diags) {
    if (d.line != 0) continue;
    std::string p = d.pointer;
    while (wanted.insert(p).second && !p.empty()) p.erase(p.rfind('/'));
  }
  json::basic_parser<locator_handler> parser(parse_limits(), text, wanted, find_duplicates);
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  const locator_handler& h = parser.handler();

  std::vector<std::size_t> offsets(diags.size(), std::string_view::npos);
  for (std::size_t k = 0; k < diags.size(); ++k) {
    if (diags[k].line != 0) continue;
    std::string p = diags[k].pointer;
    for (;;) {
      if (auto it = h.found.find(p); it != h.found.end()) {
        offsets[k] = it->second;
        break;
      }
      if (p.empty()) break;
      p.erase(p.rfind('/'));
    }
  }
  for (const auto& [pointer, key, at] : h.duplicates) {
    diags.push_back(make_error(errc::duplicate_key, pointer,
                               "The key \"" + key +
                                   "\" appears more than once in this object; a registry must say each thing once "
                                   "(a JSON parser would silently keep only the last)."));
    offsets.push_back(at);
  }
  if (syntax_failure) {
    std::size_t at = (ec || used < text.size()) ? h.stop_offset() : text.size();
    if (syntax_failure->message.empty()) explain_syntax(text, at, syntax_failure->message);
    syntax_failure->pointer = h.stop_pointer();
    diags.push_back(std::move(*syntax_failure));
    offsets.push_back(at);
  }
  fill_line_column(text, diags, offsets);
}

void sort_by_position(std::vector<diagnostic>& diags) {
  std::stable_sort(diags.begin(), diags.end(), [](const diagnostic& a, const diagnostic& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
}

} // namespace compliance::detail
