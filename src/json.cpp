// Reading and writing compliance-registry/1 documents (registry-format.md).
//
// Loading is two passes over the text only when something is wrong: the fast pass lays the
// document out as a tape (tape.hpp: one flat array of nodes, strings left in the text) and notes
// repeated keys; the value walker reads the records off the tape and collects every problem with
// its JSON pointer; then, and only when there are diagnostics, a position-tracking pass over the
// text gives each pointer its line:column and names every duplicate key. A good document never
// pays for positions, and never builds a boost::json::value.
#include "compliance/json.hpp"

#include "json_internal.hpp"
#include "registry_impl.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <filesystem>
#include <istream>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define COMPLIANCE_POSIX_FILES 1
#else
#include <fstream>
#define COMPLIANCE_POSIX_FILES 0
#endif

namespace compliance {

namespace json = boost::json;
using boost::system::error_code;

namespace detail {

namespace {

diagnostic make_error(errc code, std::string pointer, std::string message) {
  return diagnostic{code, diagnostic_level::error, std::move(pointer), 0, 0, std::move(message), {}};
}

// ---------------------------------------------------------------------------------------------
// Stage 1: the fast parse.

/// Takes the root's `vendors` array one element at a time, as the parser completes each: load()
/// reads, checks and stores a vendor while its part of the tape is in the CPU caches, and the
/// tape never holds more than one vendor (see tape_handler).
class element_sink {
public:
  virtual ~element_sink() = default;
  /// The root's `vendors` array starts: `header` is the tape so far, its root closed over the
  /// members before `vendors` (format, policy, frameworks).
  virtual void begin(const tape& header) = 0;
  /// Element `index` of `vendors` is complete: `value`, gone once this returns.
  virtual void element(const jvalue& value, std::size_t index) = 0;
};

/// Builds the tape, with our size limits; notes a repeated key instead of stopping, so that the
/// position pass can report every one. With a sink, the elements of the root's `vendors` array
/// go to it as each is complete and are then dropped from the tape, where `vendors` stays an
/// empty array.
struct tape_handler {
  static constexpr std::size_t max_object_size = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::uint32_t>::max();
  static constexpr std::size_t max_key_size = max_json_string_bytes;
  static constexpr std::size_t max_string_size = max_json_string_bytes;

  tape_handler(tape& t, std::string_view text, element_sink* s = nullptr) : out(t, text), sink(s), tape_(t) {}

  tape_builder out;
  std::string parts;          ///< a string or key reported in parts (escapes)
  bool duplicate_keys = false;
  element_sink* sink;         ///< takes the elements of the root's `vendors`, when set
  bool streamed = false;      ///< the root's `vendors` array went to the sink

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    starting();
    out.open(jkind::object);
    ++depth_;
    return true;
  }
  bool on_object_end(std::size_t n, error_code&) {
    if (!out.close(n)) duplicate_keys = true;
    --depth_;
    complete();
    return true;
  }
  bool on_array_begin(error_code&) {
    starting();
    if (depth_ == 1 && vendors_key_ && sink && !streamed) {
      tape header;
      header.nodes.assign(tape_.nodes.begin(), tape_.nodes.end() - 1); // not the "vendors" key
      tape_builder::close_prefix(header.nodes.front(), root_members_ - 1, header.nodes.size());
      sink->begin(header); // the strings it views are in the text or in tape_.copies: both stay
      streaming_ = streamed = true;
    }
    out.open(jkind::array);
    ++depth_;
    return true;
  }
  bool on_array_end(std::size_t n, error_code&) {
    --depth_;
    if (streaming_ && depth_ == 1) {
      streaming_ = false;
      out.close(0); // its elements went to the sink
      return true;
    }
    out.close(n);
    complete();
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, error_code&) {
    parts.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, error_code&) {
    finish_string(s);
    if (depth_ == 1) {
      ++root_members_;
      vendors_key_ = tape_.nodes.back().get_string() == "vendors";
    }
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, error_code&) {
    parts.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, error_code&) {
    starting();
    finish_string(s);
    complete();
    return true;
  }
  bool on_number_part(json::string_view, error_code&) { return true; }
  bool on_int64(std::int64_t i, json::string_view, error_code&) { return scalar(jkind::int64, static_cast<std::uint64_t>(i)); }
  bool on_uint64(std::uint64_t u, json::string_view, error_code&) { return scalar(jkind::uint64, u); }
  bool on_double(double d, json::string_view, error_code&) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &d, sizeof d);
    return scalar(jkind::double_, bits);
  }
  bool on_bool(bool b, error_code&) { return scalar(jkind::boolean, 0, b); }
  bool on_null(error_code&) { return scalar(jkind::null, 0); }
  bool on_comment_part(json::string_view, error_code&) { return true; }
  bool on_comment(json::string_view, error_code&) { return true; }

private:
  bool scalar(jkind k, std::uint64_t bits, bool flag = false) {
    starting();
    out.scalar(k, bits, flag);
    complete();
    return true;
  }
  void finish_string(json::string_view s) {
    if (parts.empty()) {
      out.string(std::string_view(s.data(), s.size()));
    } else {
      parts.append(s.data(), s.size());
      out.string(parts);
      parts.clear();
    }
  }
  /// A value starts: at depth 2 of a streamed array, an element.
  void starting() noexcept {
    if (streaming_ && depth_ == 2) {
      element_start_ = tape_.nodes.size();
      copies_start_ = tape_.copies.size();
    }
  }
  /// A value is complete: at depth 2 of a streamed array, an element for the sink.
  void complete() {
    if (!streaming_ || depth_ != 2) return;
    if (!duplicate_keys) sink->element(tape_.nodes[element_start_], element_index_);
    ++element_index_;
    tape_.nodes.resize(element_start_);
    tape_.copies.resize(copies_start_);
  }

  tape& tape_;
  std::size_t depth_ = 0;         ///< containers open
  std::size_t root_members_ = 0;  ///< keys of the root object so far
  bool vendors_key_ = false;      ///< the root's last key is "vendors"
  bool streaming_ = false;        ///< inside the streamed array
  std::size_t element_start_ = 0, copies_start_ = 0, element_index_ = 0;
};

json::parse_options parse_limits() {
  json::parse_options opt;
  opt.max_depth = max_json_depth; // Boost's default of 32 would do too; 64 leaves room for extensions
  return opt;
}

bool blank(std::string_view text) noexcept {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

diagnostic syntax_failure(const error_code& ec, std::string_view text) {
  if (ec == json::error::too_deep)
    return make_error(errc::too_deep, "",
                      "Arrays and objects are nested more than " + std::to_string(max_json_depth) +
                          " levels deep here; the loader accepts at most " + std::to_string(max_json_depth) +
                          " (a registry needs about six).");
  if (ec == json::error::string_too_large || ec == json::error::key_too_large)
    return make_error(errc::bad_value, "",
                      "A string here is longer than " + std::to_string(max_json_string_bytes) +
                          " bytes, the longest the loader accepts.");
  if (ec == json::error::object_too_large || ec == json::error::array_too_large)
    return make_error(errc::bad_value, "", "An object or array here has more elements than the loader can hold.");
  if (ec == json::error::extra_data)
    return make_error(errc::syntax, "", "There is more text after the end of the JSON document.");
  if (ec == json::error::incomplete)
    return make_error(errc::syntax, "",
                      blank(text) ? std::string("The document is empty; a registry is a JSON object.")
                                  : std::string("The document ends before its JSON value is complete."));
  if (ec == json::error::exponent_overflow)
    return make_error(errc::bad_value, "", "A number here has an exponent too large to represent.");
  // Left for locate() to explain from the text, which it can see.
  return make_error(errc::syntax, "", "");
}

} // namespace

parsed_text parse_text(std::string_view text) {
  parsed_text out;
  out.tape.nodes.reserve(text.size() / 12 + 16); // about one node per 12 bytes of a registry
  json::basic_parser<tape_handler> parser(parse_limits(), out.tape, text);
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used < text.size()) ec = json::error::extra_data;
  if (ec) {
    out.tape = tape{};
    out.failure = syntax_failure(ec, text);
    return out;
  }
  out.duplicate_keys = parser.handler().duplicate_keys;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Positions: the second pass, only when there is something to report.

void append_pointer_token(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}

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
    else if (!f.object) p += "/" + std::to_string(f.index);
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
        pending_ += '/';
        pending_ += std::to_string(f.index++);
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

// ---------------------------------------------------------------------------------------------
// Stage 2: the value walker.

namespace {

template <class E>
std::string vocabulary() {
  std::string out;
  for (const auto& [value, name] : enum_table<E>::names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string kind_name(const jvalue& v) {
  switch (v.kind()) {
  case jkind::object: return "an object";
  case jkind::array: return "an array";
  case jkind::string: return "a string";
  case jkind::int64:
  case jkind::uint64:
  case jkind::double_: return "a number";
  case jkind::boolean: return v.get_bool() ? "true" : "false";
  case jkind::null: return "null";
  }
  return "a value";
}

/// Appends `v` as JSON, stopping once `out` is longer than `limit`.
void write_json(std::string& out, const jvalue& v, std::size_t limit) {
  if (out.size() > limit) return;
  switch (v.kind()) {
  case jkind::null: out += "null"; return;
  case jkind::boolean: out += v.get_bool() ? "true" : "false"; return;
  case jkind::int64: out += std::to_string(v.get_int64()); return;
  case jkind::uint64: out += std::to_string(v.get_uint64()); return;
  case jkind::double_: {
    // Boost would print 1.5 as 1.5E0 and an overflow as Infinity.
    if (!std::isfinite(v.get_double())) {
      out += "a number too large to represent";
      return;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", v.get_double());
    out += buffer;
    return;
  }
  case jkind::string: {
    const auto s = v.get_string();
    out += json::serialize(json::string_view(s.data(), std::min<std::size_t>(s.size(), limit + 1)));
    return;
  }
  case jkind::array: {
    out += '[';
    bool first = true;
    for (const jvalue& e : v.elements()) {
      if (out.size() > limit) return;
      if (!first) out += ',';
      first = false;
      write_json(out, e, limit);
    }
    out += ']';
    return;
  }
  case jkind::object: {
    out += '{';
    bool first = true;
    for (auto m : v.members()) {
      if (out.size() > limit) return;
      if (!first) out += ',';
      first = false;
      out += json::serialize(json::string_view(m.key().data(), m.key().size()));
      out += ':';
      write_json(out, m.value(), limit);
    }
    out += '}';
    return;
  }
  }
}

/// The value as JSON, shortened for a message.
std::string shown(const jvalue& v) {
  std::string s;
  write_json(s, v, 60);
  if (s.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut; // keep UTF-8 whole
    s = s.substr(0, cut) + "...";
  }
  return s;
}

evidence_type typical_of(assurance a) noexcept {
  for (const auto& [t, name] : enum_table<evidence_type>::names)
    if (assurance_of(t) == a) return t;
  return evidence_type::certificate;
}

using names = std::initializer_list<std::string_view>;

class reader {
public:
  reader(std::vector<diagnostic>& diags, bool warn_unknown, vendor_listener* listener)
      : diags_(diags), warn_unknown_(warn_unknown), listener_(listener) {}

  walk_report summary;

  void document(const jvalue& root, registry_data& out) {
    const jvalue* o = root.if_object();
    if (o == nullptr) {
      error(errc::wrong_type, "The document must be a JSON object, not " + kind_name(root) + ".");
      return;
    }
    const jvalue* format = o->if_contains("format");
    if (format == nullptr || format->is_null()) {
      at key(*this, "format");
      error(errc::missing_field, "The required field \"format\" is missing; a registry document starts with "
                                 "\"format\": \"compliance-registry/1\".");
    } else if (!format->is_string() || format->get_string() != registry_format) {
      // Another format (or another version of ours): reading on would only list consequences.
      at key(*this, "format");
      error(errc::wrong_format, "\"format\" is " + shown(*format) + "; this library reads \"compliance-registry/1\".");
      return;
    }
    unknown(*o, {"format", "policy", "frameworks", "vendors"});
    optional(*o, "policy", [&](const jvalue& v) { read_policy(v, out.policy); });
    optional(*o, "frameworks", [&](const jvalue& v) {
      each(v, [&](const jvalue& e) { out.frameworks.push_back(read_framework(e)); });
    });
    optional(*o, "vendors", [&](const jvalue& v) {
      // With a listener, the vendors go where it says, and it hears of each one read.
      vendor_listener* const listener = v.is_array() ? listener_ : nullptr;
      if (listener) listener->start(out, v.size());
      else if (v.is_array()) out.vendors.reserve(v.size());
      std::size_t index = 0;
      each(v, [&](const jvalue& e) {
        const std::size_t i = index++;
        read_vendor(e, i, listener ? listener->next(i) : out.vendors.emplace_back());
        if (listener) listener->read(i, summary.errors == 0);
      });
    });
  }

  /// Reads `v`, element `index` of the root's `vendors` array, into `out` (load's one pass).
  void vendor_element(const jvalue& v, std::size_t index, vendor& out) {
    at vendors(*this, "vendors"), element(*this, index);
    read_vendor(v, index, out);
  }

private:
  struct segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };

  /// Enters a member or an element for the lifetime of the object.
  struct at {
    at(reader& r, std::string_view key) : r_(r) { r_.path_.push({key, 0, false}); }
    at(reader& r, std::size_t index) : r_(r) { r_.path_.push({{}, index, true}); }
    ~at() { r_.path_.pop(); }
    at(const at&) = delete;
    at& operator=(const at&) = delete;
    reader& r_;
  };

  std::string pointer() const {
    std::string p;
    for (const auto& s : path_) {
      if (s.is_index) {
        p += '/';
        p += std::to_string(s.index);
      } else {
        append_pointer_token(p, s.key);
      }
    }
    return p;
  }

  /// How a message names the current value: `"issued"`, `"aliases"[2]`.
  std::string name() const {
    std::string n;
    std::size_t i = path_.size();
    while (i > 0 && path_[i - 1].is_index) --i;
    if (i > 0) n = "\"" + std::string(path_[i - 1].key) + "\"";
    else n = "the document";
    for (; i < path_.size(); ++i) n += "[" + std::to_string(path_[i].index) + "]";
    return n;
  }

  void error(errc code, std::string message) {
    diags_.push_back(make_error(code, pointer(), std::move(message)));
    ++summary.errors;
  }

  void wrong_type(const jvalue& v, const char* expected) {
    error(errc::wrong_type, name() + " must be " + expected + ", not " + kind_name(v) + ".");
  }

  /// Lint: every member not in `known` (or `more`).
  void unknown(const jvalue& o, names known, names more = {}) {
    if (!warn_unknown_) return;
    for (auto kv : o.members()) {
      const std::string_view k = kv.key();
      if (std::find(known.begin(), known.end(), k) != known.end()) continue;
      if (std::find(more.begin(), more.end(), k) != more.end()) continue;
      std::vector<std::string> candidates(known.begin(), known.end());
      candidates.insert(candidates.end(), more.begin(), more.end());
      const auto suggestion = closest_words(k, candidates, 1);
      at member(*this, k);
      diagnostic d = make_error(errc::bad_value, pointer(),
                                "The field \"" + std::string(k) + "\" is not part of compliance-registry/1 here; load ignores it" +
                                    (suggestion.empty() ? std::string(".") : "; did you mean \"" + suggestion.front() + "\"?"));
      d.level = diagnostic_level::warning;
      d.lint_code = "unknown-field";
      diags_.push_back(std::move(d));
    }
  }

  // --- members ---------------------------------------------------------------------------------

  /// Calls `f` with the member `key` when it is present and not null.
  template <class F>
  bool optional(const jvalue& o, std::string_view key, F&& f) {
    const jvalue* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    at member(*this, key);
    f(*v);
    return true;
  }

  /// Calls `f` with the member `key`; a missing_field error when it is absent or null.
  template <class F>
  bool required(const jvalue& o, std::string_view key, F&& f, const char* why = nullptr) {
    const jvalue* v = o.if_contains(key);
    at member(*this, key);
    if (v == nullptr || v->is_null()) {
      error(errc::missing_field, "The required field \"" + std::string(key) + "\" is " +
                                     (v == nullptr ? "missing" : "null") + (why ? std::string(" (") + why + ")" : "") +
                                     ".");
      return false;
    }
    f(*v);
    return true;
  }

  /// Calls `f(element)` for each element of an array (wrong_type when `v` is not one).
  template <class F>
  void each(const jvalue& v, F&& f) {
    if (!v.is_array()) return wrong_type(v, "an array");
    std::size_t i = 0;
    for (const jvalue& e : v.elements()) {
      at element(*this, i++);
      f(e);
    }
  }

  const jvalue* object(const jvalue& v) {
    const jvalue* o = v.if_object();
    if (o == nullptr) wrong_type(v, "an object");
    return o;
  }

  // --- scalars ---------------------------------------------------------------------------------

  bool text(const jvalue& v, std::string& out) {
    if (!v.is_string()) {
      wrong_type(v, "a string");
      return false;
    }
    out.assign(v.get_string().data(), v.get_string().size());
    return true;
  }

  bool id(const jvalue& v, std::string& out) {
    if (!text(v, out)) return false;
    if (is_valid_id(out)) return true;
    error(errc::bad_id, name() + " must be a non-empty id of lower-case letters, digits, '.', '_' and '-'; " +
                            shown(v) + " is not one.");
    return false;
  }

  bool day(const jvalue& v, date& out) {
    if (!v.is_string()) {
      wrong_type(v, "a YYYY-MM-DD date string");
      return false;
    }
    const auto& s = v.get_string();
    if (auto d = parse_date(std::string_view(s.data(), s.size()))) {
      out = *d;
      return true;
    }
    error(errc::bad_date, name() + " must be a YYYY-MM-DD calendar date; " + shown(v) + " is not one.");
    return false;
  }

  /// A whole number in [lo, hi]. Any other number (1.5, 1e400, 2^70) is a bad value, not a wrong
  /// type: JSON has one number type.
  bool whole(const jvalue& v, int& out, std::int64_t lo, std::int64_t hi) {
    if (!v.is_number()) {
      wrong_type(v, "a whole number");
      return false;
    }
    bool ok = false;
    std::int64_t n = 0;
    if (v.is_int64()) {
      n = v.get_int64();
      ok = n >= lo && n <= hi;
    } else if (v.is_uint64()) {
      ok = v.get_uint64() <= static_cast<std::uint64_t>(hi) && lo <= 0;
      if (ok) n = static_cast<std::int64_t>(v.get_uint64());
    }
    if (!ok) {
      error(errc::bad_value, name() + " must be a whole number from " + std::to_string(lo) + " to " +
                                 std::to_string(hi) + "; " + shown(v) + " is not.");
      return false;
    }
    out = static_cast<int>(n);
    return true;
  }

  bool boolean(const jvalue& v, bool& out) {
    if (!v.is_bool()) {
      wrong_type(v, "true or false");
      return false;
    }
    out = v.get_bool();
    return true;
  }

  template <class E>
  bool word(const jvalue& v, E& out) {
    if (!v.is_string()) {
      wrong_type(v, "a string");
      return false;
    }
    const auto& s = v.get_string();
    if (auto e = enum_from_string<E>(std::string_view(s.data(), s.size()))) {
      out = *e;
      return true;
    }
    error(errc::bad_value, name() + " must be one of " + vocabulary<E>() + "; " + shown(v) + " is not.");
    return false;
  }

  bool words(const jvalue& v, std::vector<std::string>& out) {
    out.clear();
    bool ok = v.is_array();
    each(v, [&](const jvalue& e) {
      std::string s;
      if (text(e, s)) out.push_back(std::move(s));
      else ok = false;
    });
    return ok;
  }

  // --- member shorthands -----------------------------------------------------------------------

  void opt_text(const jvalue& o, std::string_view key, std::optional<std::string>& out) {
    optional(o, key, [&](const jvalue& v) {
      std::string s;
      if (text(v, s)) out = std::move(s);
    });
  }
  void opt_day(const jvalue& o, std::string_view key, std::optional<date>& out) {
    optional(o, key, [&](const jvalue& v) {
      date d;
      if (day(v, d)) out = d;
    });
  }
  void req_day(const jvalue& o, std::string_view key, date& out, const char* why = nullptr) {
    required(o, key, [&](const jvalue& v) { day(v, out); }, why);
  }
  template <class E>
  void opt_word(const jvalue& o, std::string_view key, std::optional<E>& out) {
    optional(o, key, [&](const jvalue& v) {
      E e{};
      if (word(v, e)) out = e;
    });
  }
  template <class E>
  void req_word(const jvalue& o, std::string_view key, E& out) {
    required(o, key, [&](const jvalue& v) { word(v, out); });
  }
  void opt_words(const jvalue& o, std::string_view key, std::optional<std::vector<std::string>>& out) {
    optional(o, key, [&](const jvalue& v) {
      std::vector<std::string> w;
      words(v, w);
      out = std::move(w);
    });
  }
  void list(const jvalue& o, std::string_view key, std::vector<std::string>& out) {
    optional(o, key, [&](const jvalue& v) { words(v, out); });
  }

  // --- records ---------------------------------------------------------------------------------

  void read_policy(const jvalue& v, policy_overrides& p) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    unknown(*o, {"report_grace_months", "bridge_max_months", "surveillance", "surveillance_grace_days",
                 "accept_inherited", "require_agreements"});
    auto int_field = [&](std::string_view key, std::optional<int>& out, std::int64_t hi) {
      optional(*o, key, [&](const jvalue& x) {
        int n = 0;
        if (whole(x, n, 0, hi)) out = n;
      });
    };
    auto bool_field = [&](std::string_view key, std::optional<bool>& out) {
      optional(*o, key, [&](const jvalue& x) {
        bool b = false;
        if (boolean(x, b)) out = b;
      });
    };
    int_field("report_grace_months", p.report_grace_months, 1200);
    int_field("bridge_max_months", p.bridge_max_months, 1200);
    opt_word(*o, "surveillance", p.surveillance);
    int_field("surveillance_grace_days", p.surveillance_grace_days, 36600);
    bool_field("accept_inherited", p.accept_inherited);
    bool_field("require_agreements", p.require_agreements);
  }

  /// A `frameworks` row: the built-in row of the same id with the given fields replaced. A field
  /// given as null clears an optional value or empties a list (so to_json can say "none").
  framework_info read_framework(const jvalue& v) {
    framework_info f;
    const jvalue* o = object(v);
    if (o == nullptr) return f;
    unknown(*o, {"id", "name", "assurance", "certifiable", "validity_months", "editions", "default_edition",
                 "programs", "last_day", "variants", "merchant_only_variants", "criteria", "implied_criteria",
                 "satisfies", "requires", "requires_agreement"});
    std::string fid;
    required(*o, "id", [&](const jvalue& x) { id(x, fid); });
    if (const framework_info* base = catalog::builtin().find(fid)) f = *base;
    f.id = framework_id(fid);

    // Present-or-null members: null resets to "none".
    auto given = [&](std::string_view key, auto&& read, auto&& reset) {
      const jvalue* x = o->if_contains(key);
      if (x == nullptr) return;
      at member(*this, key);
      if (x->is_null()) reset();
      else read(*x);
    };
    auto opt_date_field = [&](std::string_view key, std::optional<date>& out) {
      given(key, [&](const jvalue& x) { date d; if (day(x, d)) out = d; }, [&] { out.reset(); });
    };
    auto list_field = [&](std::string_view key, std::vector<std::string>& out) {
      given(key, [&](const jvalue& x) { words(x, out); }, [&] { out.clear(); });
    };
    auto opt_id_field = [&](std::string_view key, std::optional<framework_id>& out) {
      given(key, [&](const jvalue& x) { std::string s; if (id(x, s)) out = framework_id(s); }, [&] { out.reset(); });
    };

    optional(*o, "name", [&](const jvalue& x) { text(x, f.name); });
    optional(*o, "assurance", [&](const jvalue& x) {
      assurance a{};
      if (word(x, a)) f.typical = typical_of(a);
    });
    optional(*o, "certifiable", [&](const jvalue& x) { boolean(x, f.certifiable); });
    given("validity_months", [&](const jvalue& x) { int n = 0; if (whole(x, n, 1, 1200)) f.validity_months = n; },
          [&] { f.validity_months.reset(); });
    given("editions", [&](const jvalue& x) {
      f.editions.clear();
      each(x, [&](const jvalue& e) { f.editions.push_back(read_edition(e)); });
    }, [&] { f.editions.clear(); });
    given("default_edition", [&](const jvalue& x) { std::string s; if (text(x, s)) f.default_edition = s; },
          [&] { f.default_edition.reset(); });
    given("programs", [&](const jvalue& x) {
      f.programs.clear();
      each(x, [&](const jvalue& e) { f.programs.push_back(read_program(e)); });
    }, [&] { f.programs.clear(); });
    opt_date_field("last_day", f.last_day);
    list_field("variants", f.variants);
    list_field("merchant_only_variants", f.merchant_only_variants);
    list_field("criteria", f.criteria);
    list_field("implied_criteria", f.implied_criteria);
    given("satisfies", [&](const jvalue& x) {
      f.satisfies.clear();
      each(x, [&](const jvalue& e) {
        equivalence q;
        if (const jvalue* eo = object(e)) {
          unknown(*eo, {"target", "type2_only"});
          required(*eo, "target", [&](const jvalue& t) { std::string s; if (id(t, s)) q.target = framework_id(s); });
          optional(*eo, "type2_only", [&](const jvalue& t) { boolean(t, q.type2_only); });
        }
        f.satisfies.push_back(std::move(q));
      });
    }, [&] { f.satisfies.clear(); });
    opt_id_field("requires", f.requires);
    given("requires_agreement", [&](const jvalue& x) { agreement_kind k{}; if (word(x, k)) f.requires_agreement = k; },
          [&] { f.requires_agreement.reset(); });
    return f;
  }

  edition read_edition(const jvalue& v) {
    edition e;
    const jvalue* o = object(v);
    if (o == nullptr) return e;
    unknown(*o, {"id", "in_force_from", "in_force_through", "last_day", "last_audit_day", "requires"});
    required(*o, "id", [&](const jvalue& x) { text(x, e.id); });
    opt_day(*o, "in_force_from", e.in_force_from);
    opt_day(*o, "in_force_through", e.in_force_through);
    opt_day(*o, "last_day", e.last_day);
    opt_day(*o, "last_audit_day", e.last_audit_day);
    optional(*o, "requires", [&](const jvalue& x) { std::string s; if (id(x, s)) e.requires = framework_id(s); });
    return e;
  }

  program read_program(const jvalue& v) {
    program p;
    const jvalue* o = object(v);
    if (o == nullptr) return p;
    unknown(*o, {"id", "start", "needs"});
    required(*o, "id", [&](const jvalue& x) { text(x, p.id); });
    req_day(*o, "start", p.start);
    list(*o, "needs", p.needs);
    return p;
  }

  void read_vendor(const jvalue& v, std::size_t index, vendor& out) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    unknown(*o, {"id", "name", "aliases", "notes", "relies_on", "agreements", "evidence"});
    required(*o, "id", [&](const jvalue& x) { std::string s; if (id(x, s)) out.id = vendor_id(s); });
    opt_text(*o, "name", out.name);
    list(*o, "aliases", out.aliases);
    opt_text(*o, "notes", out.notes);
    optional(*o, "relies_on", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        reliance r;
        if (const jvalue* ro = object(e)) {
          unknown(*ro, {"vendor", "method", "services"});
          required(*ro, "vendor", [&](const jvalue& y) { std::string s; if (id(y, s)) r.vendor = vendor_id(s); });
          opt_word(*ro, "method", r.method);
          opt_words(*ro, "services", r.services);
        }
        out.relies_on.push_back(std::move(r));
      });
    });
    optional(*o, "agreements", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        agreement a;
        if (const jvalue* ao = object(e)) {
          unknown(*ao, {"kind", "signed", "ends"});
          req_word(*ao, "kind", a.kind);
          req_day(*ao, "signed", a.signed_on);
          opt_day(*ao, "ends", a.ends);
        }
        out.agreements.push_back(a);
      });
    });
    optional(*o, "evidence", [&](const jvalue& x) {
      if (x.is_array()) out.evidence.reserve(x.size());
      each(x, [&](const jvalue& e) {
        const std::size_t before = summary.errors;
        out.evidence.emplace_back();
        read_evidence(e, out.evidence.back());
        if (summary.errors != before) summary.evidence_with_errors.emplace_back(index, out.evidence.size() - 1);
      });
    });
  }

  void read_evidence(const jvalue& v, evidence& e) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    required(*o, "id", [&](const jvalue& x) { std::string s; if (id(x, s)) e.id = evidence_id(s); });
    std::optional<evidence_type> type;
    required(*o, "type", [&](const jvalue& x) {
      evidence_type t{};
      if (word(x, t)) type = t;
    });
    required(*o, "framework", [&](const jvalue& x) { std::string s; if (id(x, s)) e.framework = framework_id(s); });
    opt_text(*o, "edition", e.edition);
    optional(*o, "scope", [&](const jvalue& x) {
      compliance::scope s;
      if (const jvalue* so = object(x)) {
        unknown(*so, {"services", "regions", "plans"});
        opt_words(*so, "services", s.services);
        opt_words(*so, "regions", s.regions);
        opt_words(*so, "plans", s.plans);
      }
      e.scope = std::move(s);
    });
    opt_text(*o, "source", e.source);
    opt_text(*o, "notes", e.notes);
    if (!type) return; // the type's own fields cannot be told from unknown ones
    const names common = {"id", "type", "framework", "edition", "scope", "source", "notes"};
    switch (*type) {
    case evidence_type::certificate:
      unknown(*o, common, {"number", "issuer", "accreditation", "first_certified", "issued", "expires", "audits", "status"});
      read_certificate(*o, e.details.emplace<certificate>());
      break;
    case evidence_type::report:
      unknown(*o, common, {"report_type", "as_of", "period", "criteria", "auditor", "opinion", "issued",
                           "bridge_letters", "subservice"});
      read_report(*o, e.details.emplace<compliance::report>());
      break;
    case evidence_type::self_assessment:
      unknown(*o, common, {"variant", "completed", "valid_until", "assessor"});
      read_self_assessment(*o, e.details.emplace<self_assessment>());
      break;
    case evidence_type::listing:
      unknown(*o, common, {"programs", "listed", "next_due", "status", "status_since"});
      read_listing(*o, e.details.emplace<listing>());
      break;
    case evidence_type::attestation:
      unknown(*o, common, {"since", "until", "requires_agreement"});
      read_attestation(*o, e.details.emplace<attestation>());
      break;
    }
  }

  void read_certificate(const jvalue& o, certificate& c) {
    opt_text(o, "number", c.number);
    opt_text(o, "issuer", c.issuer);
    opt_text(o, "accreditation", c.accreditation);
    opt_day(o, "first_certified", c.first_certified);
    req_day(o, "issued", c.issued, "C1: a certificate covers [issued, expires]");
    req_day(o, "expires", c.expires, "C1: a certificate covers [issued, expires]");
    optional(o, "audits", [&](const jvalue& x) {
      c.audits.emplace();
      each(x, [&](const jvalue& e) {
        audit a;
        // The model has no "unknown" kind or outcome, so an audit states all three.
        if (const jvalue* ao = object(e)) {
          unknown(*ao, {"kind", "date", "outcome"});
          req_word(*ao, "kind", a.kind);
          req_day(*ao, "date", a.on);
          req_word(*ao, "outcome", a.outcome);
        }
        c.audits->push_back(a);
      });
    });
    optional(o, "status", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        status_event s;
        if (const jvalue* so = object(e)) {
          unknown(*so, {"state", "from", "to"});
          req_word(*so, "state", s.state);
          req_day(*so, "from", s.from);
          opt_day(*so, "to", s.to);
        }
        c.status.push_back(s);
      });
    });
  }

  void read_report(const jvalue& o, compliance::report& r) {
    std::optional<report_type> kind;
    required(o, "report_type", [&](const jvalue& x) {
      report_type t{};
      if (word(x, t)) kind = t;
    });
    if (kind) r.kind = *kind;
    auto read_as_of = [&](const jvalue& x) {
      date d;
      if (day(x, d)) r.as_of = d;
    };
    auto read_period = [&](const jvalue& x) {
      const jvalue* po = object(x);
      if (po == nullptr) return;
      unknown(*po, {"from", "to"});
      required(*po, "from", [&](const jvalue& y) { date d; if (day(y, d)) r.period_from = d; });
      required(*po, "to", [&](const jvalue& y) { date d; if (day(y, d)) r.period_to = d; });
    };
    // C7/C8: a type 2 report covers its period, a type 1 its as_of date; the other is optional.
    if (kind == report_type::type2) required(o, "period", read_period, "a type 2 report covers a period");
    else optional(o, "period", read_period);
    if (kind == report_type::type1) required(o, "as_of", read_as_of, "a type 1 report is as of one date");
    else optional(o, "as_of", read_as_of);
    opt_words(o, "criteria", r.criteria);
    opt_text(o, "auditor", r.auditor);
    opt_word(o, "opinion", r.auditor_opinion);
    opt_day(o, "issued", r.issued);
    optional(o, "bridge_letters", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        bridge_letter b;
        if (const jvalue* bo = object(e)) {
          unknown(*bo, {"issued", "through"});
          opt_day(*bo, "issued", b.issued);
          req_day(*bo, "through", b.through, "C7: a bridge letter covers through this date");
        }
        r.bridge_letters.push_back(b);
      });
    });
    optional(o, "subservice", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        subservice s;
        if (const jvalue* so = object(e)) {
          unknown(*so, {"vendor", "method"});
          required(*so, "vendor", [&](const jvalue& y) { std::string t; if (id(y, t)) s.vendor = vendor_id(t); });
          opt_word(*so, "method", s.method);
        }
        r.subservices.push_back(std::move(s));
      });
    });
  }

  void read_self_assessment(const jvalue& o, self_assessment& s) {
    opt_text(o, "variant", s.variant);
    req_day(o, "completed", s.completed, "C12: a self-assessment covers from its completion");
    opt_day(o, "valid_until", s.valid_until);
    opt_text(o, "assessor", s.assessor);
  }

  void read_listing(const jvalue& o, listing& l) {
    required(o, "programs", [&](const jvalue& x) { words(x, l.programs); });
    req_day(o, "listed", l.listed, "C13: a listing covers from the day it was listed");
    req_day(o, "next_due", l.next_due, "C13: a listing covers through its re-certification due date");
    opt_word(o, "status", l.status);
    opt_day(o, "status_since", l.status_since);
  }

  void read_attestation(const jvalue& o, attestation& a) {
    req_day(o, "since", a.since, "C14: an attestation covers from this date");
    opt_day(o, "until", a.until);
    opt_word(o, "requires_agreement", a.requires_agreement);
  }

  std::vector<diagnostic>& diags_;
  bool warn_unknown_;
  vendor_listener* listener_;
  /// Where the walker is. The format's own structure bounds the depth (seven at most:
  /// /vendors/i/evidence/j/bridge_letters/k/through), so a fixed array holds it.
  struct path {
    std::array<segment, 16> items;
    std::size_t n = 0;
    void push(segment s) noexcept {
      if (n < items.size()) items[n] = s;
      ++n;
    }
    void pop() noexcept { --n; }
    std::size_t size() const noexcept { return std::min(n, items.size()); }
    const segment& operator[](std::size_t i) const noexcept { return items[i]; }
    const segment* begin() const noexcept { return items.data(); }
    const segment* end() const noexcept { return items.data() + size(); }
  };
  path path_;
};

} // namespace

walk_report read_document(const jvalue& root, registry_data& out, std::vector<diagnostic>& diags,
                          bool warn_unknown, vendor_listener* listener) {
  reader r(diags, warn_unknown, listener);
  r.document(root, out);
  return std::move(r.summary);
}

namespace {

/// Reads the header when the root's `vendors` array starts, then each vendor as the parser
/// completes it, and hands it to the listener; stops reading at the first problem.
class streaming_reader final : public element_sink {
public:
  streaming_reader(registry_data& header, vendor_listener& listener, std::size_t expected)
      : reader_(diags_, false, nullptr), header_(header), listener_(listener), expected_(expected) {}

  void begin(const tape& header) override {
    reader_.document(header.root(), header_);
    ok_ = reader_.summary.errors == 0;
    if (ok_) listener_.start(header_, expected_);
  }
  void element(const jvalue& value, std::size_t index) override {
    if (!ok_) return;
    reader_.vendor_element(value, index, listener_.next(index));
    ok_ = reader_.summary.errors == 0;
    listener_.read(index, ok_);
  }
  bool ok() const noexcept { return ok_; }

private:
  std::vector<diagnostic> diags_;
  reader reader_;
  registry_data& header_;
  vendor_listener& listener_;
  std::size_t expected_;
  bool ok_ = false;
};

} // namespace

bool read_streaming(std::string_view text, registry_data& header, vendor_listener& listener) {
  tape t;
  t.nodes.reserve(4096); // the header and one vendor at a time
  streaming_reader sink(header, listener, text.size() / 2048); // a hint: about 2 kB a vendor
  json::basic_parser<tape_handler> parser(parse_limits(), t, text, &sink);
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || used < text.size() || parser.handler().duplicate_keys) return false;
  if (!parser.handler().streamed) { // no vendors array at the root: the whole (small) tape at once
    std::vector<diagnostic> diags;
    return read_document(t.root(), header, diags, false, &listener).errors == 0;
  }
  if (!sink.ok()) return false;
  // A member after "vendors" (a policy, say) would change how the vendors before it are read
  // and checked: such a document takes the two stages instead.
  std::string_view last;
  for (auto m : t.root().members()) last = m.key();
  return last == "vendors";
}

// ---------------------------------------------------------------------------------------------
// Files.

bool read_file(const std::string& path, std::string& out, diagnostic& failure) {
  errno = 0;
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    const int err = errno;
    failure = make_error(errc::io_error, "",
                         "Cannot open the file for reading: " + boost::system::generic_category().message(err) + ".");
    return false;
  }
  out.clear();
  char buffer[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, f);
    out.append(buffer, n);
    if (n < sizeof buffer) break;
  }
  const int err = errno;
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) {
    failure = make_error(errc::io_error, "",
                         "Cannot read the file: " + boost::system::generic_category().message(err != 0 ? err : EIO) + ".");
    return false;
  }
  return true;
}

void prefix_messages(std::vector<diagnostic>& diags, const std::string& path) {
  for (auto& d : diags) d.message = path + ": " + d.message;
}

} // namespace detail

// -----------------------------------------------------------------------------------------------
// Loading

namespace {

/// Stages 1 and 2. On failure `diags` holds every error, positioned and in document order.
bool read_text(std::string_view text, registry_data& data, std::vector<diagnostic>& diags,
               detail::vendor_listener* listener = nullptr) {
  auto parsed = detail::parse_text(text);
  if (parsed.failure) {
    detail::locate(text, diags, false, std::move(parsed.failure));
    return false;
  }
  // A document with a repeated key is refused whatever it holds: nothing to build as it reads.
  const auto report =
      detail::read_document(parsed.tape.root(), data, diags, false, parsed.duplicate_keys ? nullptr : listener);
  if (report.errors == 0 && !parsed.duplicate_keys) return true;
  detail::locate(text, diags, parsed.duplicate_keys, std::nullopt);
  detail::sort_by_position(diags);
  return false;
}

/// Builds the registry as the vendors are read: each is checked, indexed and stored while its
/// data is still in the CPU caches (registry_impl.hpp, assembler). Only the last few vendors
/// read are kept as objects.
class assembling final : public detail::vendor_listener {
public:
  void start(const registry_data& header, std::size_t count) override {
    assembler_.emplace(header, count); // header.vendors is empty: they come one by one
  }
  vendor& next(std::size_t index) override {
    // Empty, but keeping its evidence array: a vendor's one allocation of over a kilobyte, which
    // would otherwise have malloc sweep up every small block the vendor before it freed.
    vendor& v = recent_[index % recent_.size()];
    auto evidence = std::move(v.evidence);
    evidence.clear();
    v = vendor{};
    v.evidence = std::move(evidence);
    return v;
  }
  void read(std::size_t index, bool clean) override {
    read_ = index + 1;
    if (!clean) return; // after an error the document is refused anyway
    // A vendor's table slots are far apart in memory: ask for them now, use them a few vendors
    // later (its data is still in the caches then).
    assembler_->prefetch(recent_[index % recent_.size()]);
    if (index >= lag) assembler_->add(recent_[(index - lag) % recent_.size()]);
  }
  /// The registry, from the header alone when the document had no vendors array.
  boost::system::result<registry, diagnostics> finish(const registry_data& header) {
    if (!assembler_) assembler_.emplace(header);
    for (std::size_t i = read_ > lag ? read_ - lag : 0; i < read_; ++i) assembler_->add(recent_[i % recent_.size()]);
    return assembler_->finish();
  }

private:
  static constexpr std::size_t lag = 4;
  std::array<vendor, lag + 1> recent_; ///< vendor i in recent_[i % (lag + 1)], until it is added
  std::size_t read_ = 0;               ///< vendors read
  std::optional<detail::assembler> assembler_;
};

/// `built`, or its problems positioned in `text` and in document order.
boost::system::result<registry, diagnostics> located(std::string_view text, boost::system::result<registry, diagnostics> built) {
  if (built) return std::move(*built);
  std::vector<diagnostic> diags = std::move(built.error().items);
  detail::locate(text, diags, false, std::nullopt);
  detail::sort_by_position(diags);
  return diagnostics{std::move(diags)};
}

diagnostics one(diagnostic d) { return diagnostics{{std::move(d)}}; }

} // namespace

boost::system::result<registry_data, diagnostics> load_data(std::string_view json_text) {
  registry_data data;
  std::vector<diagnostic> diags;
  if (!read_text(json_text, data, diags)) return diagnostics{std::move(diags)};
  return data;
}

boost::system::result<registry_data, diagnostics> load_data_file(const std::string& path) {
  std::string text;
  diagnostic failure;
  if (!detail::read_file(path, text, failure)) {
    failure.message = path + ": " + failure.message;
    return one(std::move(failure));
  }
  auto r = load_data(text);
  if (r) return r;
  diagnostics d = r.error();
  detail::prefix_messages(d.items, path);
  return d;
}

boost::system::result<registry_data, diagnostics> data_from_value(const boost::json::value& document) {
  // The reader walks a tape; Boost's serializer is iterative, so any value converts safely.
  const std::string text = json::serialize(document);
  auto parsed = detail::parse_text(text);
  if (parsed.failure) return one(std::move(*parsed.failure));
  registry_data data;
  std::vector<diagnostic> diags;
  const auto report = detail::read_document(parsed.tape.root(), data, diags, false);
  if (report.errors != 0) return diagnostics{std::move(diags)};
  return data;
}

boost::system::result<registry, diagnostics> load(std::string_view json_text) {
  {
    assembling builder;
    registry_data header;
    if (detail::read_streaming(json_text, header, builder)) return located(json_text, builder.finish(header));
  }
  // A problem, or an unusual order of members: the stages one after the other, which report
  // every problem with its position.
  registry_data data;
  std::vector<diagnostic> diags;
  assembling builder;
  if (!read_text(json_text, data, diags, &builder)) return diagnostics{std::move(diags)};
  return located(json_text, builder.finish(data));
}

boost::system::result<registry, diagnostics> load(std::istream& in) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad())
    return one(detail::make_error(errc::io_error, "", "The stream could not be read to its end."));
  return load(std::string_view(text));
}

boost::system::result<registry, diagnostics> load_file(const std::string& path) {
  std::string text;
  diagnostic failure;
  if (!detail::read_file(path, text, failure)) {
    failure.message = path + ": " + failure.message;
    return one(std::move(failure));
  }
  auto r = load(std::string_view(text));
  if (r) return r;
  diagnostics d = r.error();
  detail::prefix_messages(d.items, path);
  return d;
}

registry load_or_throw(std::string_view json_text) { return load(json_text).value(); }

registry load_file_or_throw(const std::string& path) { return load_file(path).value(); }

// -----------------------------------------------------------------------------------------------
// Saving

namespace {

json::value day_value(date d) { return json::value(to_string(d)); }

json::array text_array(const std::vector<std::string>& v) {
  json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

template <class E>
json::value word_value(E e) {
  const std::string_view s = to_string(e);
  return json::value(json::string_view(s.data(), s.size()));
}

void put_text(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o.emplace(key, *v);
}
void put_day(json::object& o, std::string_view key, const std::optional<date>& v) {
  if (v) o.emplace(key, day_value(*v));
}
template <class E>
void put_word(json::object& o, std::string_view key, const std::optional<E>& v) {
  if (v) o.emplace(key, word_value(*v));
}
void put_words(json::object& o, std::string_view key, const std::optional<std::vector<std::string>>& v) {
  if (v) o.emplace(key, text_array(*v));
}
void put_list(json::object& o, std::string_view key, const std::vector<std::string>& v) {
  if (!v.empty()) o.emplace(key, text_array(v));
}

json::object edition_value(const edition& e) {
  json::object o;
  o.emplace("id", e.id);
  put_day(o, "in_force_from", e.in_force_from);
  put_day(o, "in_force_through", e.in_force_through);
  put_day(o, "last_day", e.last_day);
  put_day(o, "last_audit_day", e.last_audit_day);
  if (e.requires) o.emplace("requires", e.requires->str());
  return o;
}

/// A frameworks row as its differences from the row load_data starts from (see to_json()).
json::object framework_value(const framework_info& f) {
  framework_info empty;
  const framework_info* found = catalog::builtin().find(f.id.str());
  const framework_info& base = found != nullptr ? *found : empty;
  json::object o;
  o.emplace("id", f.id.str());
  if (f.name != base.name) o.emplace("name", f.name);
  if (f.typical != base.typical) o.emplace("assurance", word_value(assurance_of(f.typical)));
  if (f.certifiable != base.certifiable) o.emplace("certifiable", f.certifiable);
  auto optional_member = [&](std::string_view key, bool differs, bool has, auto&& make) {
    if (!differs) return;
    if (has) o.emplace(key, make());
    else o.emplace(key, nullptr);
  };
  optional_member("validity_months", f.validity_months != base.validity_months, f.validity_months.has_value(),
                  [&] { return json::value(*f.validity_months); });
  if (f.editions != base.editions) {
    json::array a;
    for (const auto& e : f.editions) a.emplace_back(edition_value(e));
    o.emplace("editions", std::move(a));
  }
  optional_member("default_edition", f.default_edition != base.default_edition, f.default_edition.has_value(),
                  [&] { return json::value(*f.default_edition); });
  if (f.programs != base.programs) {
    json::array a;
    for (const auto& p : f.programs) {
      json::object po;
      po.emplace("id", p.id);
      po.emplace("start", day_value(p.start));
      put_list(po, "needs", p.needs);
      a.emplace_back(std::move(po));
    }
    o.emplace("programs", std::move(a));
  }
  optional_member("last_day", f.last_day != base.last_day, f.last_day.has_value(),
                  [&] { return day_value(*f.last_day); });
  auto list_member = [&](std::string_view key, const std::vector<std::string>& v, const std::vector<std::string>& b) {
    if (v != b) o.emplace(key, text_array(v));
  };
  list_member("variants", f.variants, base.variants);
  list_member("merchant_only_variants", f.merchant_only_variants, base.merchant_only_variants);
  list_member("criteria", f.criteria, base.criteria);
  list_member("implied_criteria", f.implied_criteria, base.implied_criteria);
  if (f.satisfies != base.satisfies) {
    json::array a;
    for (const auto& q : f.satisfies) {
      json::object qo;
      qo.emplace("target", q.target.str());
      if (q.type2_only) qo.emplace("type2_only", true);
      a.emplace_back(std::move(qo));
    }
    o.emplace("satisfies", std::move(a));
  }
  optional_member("requires", f.requires != base.requires, f.requires.has_value(),
                  [&] { return json::value(f.requires->str()); });
  optional_member("requires_agreement", f.requires_agreement != base.requires_agreement,
                  f.requires_agreement.has_value(), [&] { return word_value(*f.requires_agreement); });
  return o;
}

void details_value(json::object& o, const certificate& c) {
  put_text(o, "number", c.number);
  put_text(o, "issuer", c.issuer);
  put_text(o, "accreditation", c.accreditation);
  put_day(o, "first_certified", c.first_certified);
  o.emplace("issued", day_value(c.issued));
  o.emplace("expires", day_value(c.expires));
  if (c.audits) {
    json::array a;
    for (const auto& x : *c.audits) {
      json::object ao;
      ao.emplace("kind", word_value(x.kind));
      ao.emplace("date", day_value(x.on));
      ao.emplace("outcome", word_value(x.outcome));
      a.emplace_back(std::move(ao));
    }
    o.emplace("audits", std::move(a));
  }
  if (!c.status.empty()) {
    json::array a;
    for (const auto& s : c.status) {
      json::object so;
      so.emplace("state", word_value(s.state));
      so.emplace("from", day_value(s.from));
      put_day(so, "to", s.to);
      a.emplace_back(std::move(so));
    }
    o.emplace("status", std::move(a));
  }
}

void details_value(json::object& o, const report& r) {
  o.emplace("report_type", word_value(r.kind));
  put_day(o, "as_of", r.as_of);
  if (r.period_from || r.period_to) {
    json::object p;
    put_day(p, "from", r.period_from);
    put_day(p, "to", r.period_to);
    o.emplace("period", std::move(p));
  }
  put_words(o, "criteria", r.criteria);
  put_text(o, "auditor", r.auditor);
  put_word(o, "opinion", r.auditor_opinion);
  put_day(o, "issued", r.issued);
  if (!r.bridge_letters.empty()) {
    json::array a;
    for (const auto& b : r.bridge_letters) {
      json::object bo;
      put_day(bo, "issued", b.issued);
      bo.emplace("through", day_value(b.through));
      a.emplace_back(std::move(bo));
    }
    o.emplace("bridge_letters", std::move(a));
  }
  if (!r.subservices.empty()) {
    json::array a;
    for (const auto& s : r.subservices) {
      json::object so;
      so.emplace("vendor", s.vendor.str());
      put_word(so, "method", s.method);
      a.emplace_back(std::move(so));
    }
    o.emplace("subservice", std::move(a));
  }
}

void details_value(json::object& o, const self_assessment& s) {
  put_text(o, "variant", s.variant);
  o.emplace("completed", day_value(s.completed));
  put_day(o, "valid_until", s.valid_until);
  put_text(o, "assessor", s.assessor);
}

void details_value(json::object& o, const listing& l) {
  o.emplace("programs", text_array(l.programs));
  o.emplace("listed", day_value(l.listed));
  o.emplace("next_due", day_value(l.next_due));
  put_word(o, "status", l.status);
  put_day(o, "status_since", l.status_since);
}

void details_value(json::object& o, const attestation& a) {
  o.emplace("since", day_value(a.since));
  put_day(o, "until", a.until);
  put_word(o, "requires_agreement", a.requires_agreement);
}

json::object evidence_value(const evidence& e) {
  json::object o;
  o.emplace("id", e.id.str());
  o.emplace("type", word_value(e.type()));
  o.emplace("framework", e.framework.str());
  put_text(o, "edition", e.edition);
  if (e.scope) {
    json::object s;
    put_words(s, "services", e.scope->services);
    put_words(s, "regions", e.scope->regions);
    put_words(s, "plans", e.scope->plans);
    o.emplace("scope", std::move(s));
  }
  std::visit([&](const auto& d) { details_value(o, d); }, e.details);
  put_text(o, "source", e.source);
  put_text(o, "notes", e.notes);
  return o;
}

json::object vendor_value(const vendor& v) {
  json::object o;
  o.emplace("id", v.id.str());
  put_text(o, "name", v.name);
  put_list(o, "aliases", v.aliases);
  put_text(o, "notes", v.notes);
  if (!v.relies_on.empty()) {
    json::array a;
    for (const auto& r : v.relies_on) {
      json::object ro;
      ro.emplace("vendor", r.vendor.str());
      put_word(ro, "method", r.method);
      put_words(ro, "services", r.services);
      a.emplace_back(std::move(ro));
    }
    o.emplace("relies_on", std::move(a));
  }
  if (!v.agreements.empty()) {
    json::array a;
    for (const auto& g : v.agreements) {
      json::object go;
      go.emplace("kind", word_value(g.kind));
      go.emplace("signed", day_value(g.signed_on));
      put_day(go, "ends", g.ends);
      a.emplace_back(std::move(go));
    }
    o.emplace("agreements", std::move(a));
  }
  if (!v.evidence.empty()) {
    json::array a;
    for (const auto& e : v.evidence) a.emplace_back(evidence_value(e));
    o.emplace("evidence", std::move(a));
  }
  return o;
}

bool scalar(const json::value& v) noexcept { return !v.is_object() && !v.is_array(); }

/// Two-space indented; an array of scalars stays on one line (lists of words read best so).
void pretty(std::string& out, const json::value& v, std::size_t indent) {
  if (const auto* o = v.if_object()) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& kv : *o) {
      if (!first) out += ",\n";
      first = false;
      out.append(indent + 2, ' ');
      out += json::serialize(kv.key());
      out += ": ";
      pretty(out, kv.value(), indent + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += '}';
  } else if (const auto* a = v.if_array()) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    if (std::all_of(a->begin(), a->end(), scalar)) {
      out += '[';
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (i != 0) out += ", ";
        out += json::serialize((*a)[i]);
      }
      out += ']';
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i != 0) out += ",\n";
      out.append(indent + 2, ' ');
      pretty(out, (*a)[i], indent + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

} // namespace

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const registry_data& data) {
  json::object o;
  o.emplace("format", json::string_view(registry_format.data(), registry_format.size()));
  if (!data.policy.empty()) {
    const auto& p = data.policy;
    json::object po;
    if (p.report_grace_months) po.emplace("report_grace_months", *p.report_grace_months);
    if (p.bridge_max_months) po.emplace("bridge_max_months", *p.bridge_max_months);
    put_word(po, "surveillance", p.surveillance);
    if (p.surveillance_grace_days) po.emplace("surveillance_grace_days", *p.surveillance_grace_days);
    if (p.accept_inherited) po.emplace("accept_inherited", *p.accept_inherited);
    if (p.require_agreements) po.emplace("require_agreements", *p.require_agreements);
    o.emplace("policy", std::move(po));
  }
  if (!data.frameworks.empty()) {
    json::array a;
    for (const auto& f : data.frameworks) a.emplace_back(framework_value(f));
    o.emplace("frameworks", std::move(a));
  }
  json::array vendors;
  vendors.reserve(data.vendors.size());
  for (const auto& v : data.vendors) vendors.emplace_back(vendor_value(v));
  o.emplace("vendors", std::move(vendors));
  out = std::move(o);
}

boost::json::value to_value(const registry_data& data) {
  json::value v;
  tag_invoke(json::value_from_tag{}, v, data);
  return v;
}

std::string to_json(const registry_data& data) {
  std::string out;
  pretty(out, to_value(data), 0);
  out += '\n';
  return out;
}

namespace detail {

namespace {

#if COMPLIANCE_POSIX_FILES
save_file_ops make_real_save_file_ops() {
  save_file_ops ops;
  ops.open = [](const char* path, int flags, unsigned mode) { return ::open(path, flags, static_cast<::mode_t>(mode)); };
  ops.write = [](int fd, const void* data, std::size_t size) -> std::ptrdiff_t { return ::write(fd, data, size); };
  ops.fsync = [](int fd) { return ::fsync(fd); };
  ops.close = [](int fd) { return ::close(fd); };
  ops.rename = [](const char* from, const char* to) { return ::rename(from, to); };
  return ops;
}
#else
save_file_ops make_real_save_file_ops() { return {}; }
#endif

/// What a test installed (save_file_ops_override); null: the real calls.
std::atomic<const save_file_ops*> installed_save_file_ops{nullptr};

} // namespace

const save_file_ops& real_save_file_ops() {
  static const save_file_ops ops = make_real_save_file_ops();
  return ops;
}

const save_file_ops& current_save_file_ops() noexcept {
  const save_file_ops* ops = installed_save_file_ops.load();
  return ops != nullptr ? *ops : real_save_file_ops();
}

save_file_ops_override::save_file_ops_override(save_file_ops ops) : ops_(std::move(ops)) {
  const save_file_ops& real = real_save_file_ops();
  if (!ops_.open) ops_.open = real.open;
  if (!ops_.write) ops_.write = real.write;
  if (!ops_.fsync) ops_.fsync = real.fsync;
  if (!ops_.close) ops_.close = real.close;
  if (!ops_.rename) ops_.rename = real.rename;
  previous_ = installed_save_file_ops.exchange(&ops_);
}

save_file_ops_override::~save_file_ops_override() { installed_save_file_ops.store(previous_); }

} // namespace detail

namespace {

diagnostics save_failure(const std::string& path, const std::string& step, int err) {
  return one(detail::make_error(errc::io_error, "",
                                path + ": " + step + ": " + boost::system::generic_category().message(err) +
                                    "; the previous file, if any, is unchanged."));
}

/// The file `target` names once the symbolic links at its end are followed: a link's target is
/// read, not checked, so a dangling link names the file it will create (the link stays a link).
/// Links among the directories before the last name are left to the kernel. Fails with the OS's
/// reason when a link cannot be read, ELOOP after 40 links (a loop).
bool follow_links(std::filesystem::path& target, int& err) {
  namespace fs = std::filesystem;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(target, ec)) return true; // a file, a directory or nothing yet: that is the target
    fs::path next = fs::read_symlink(target, ec);
    if (ec) {
      err = ec.value();
      return false;
    }
    target = next.is_absolute() ? std::move(next) : target.parent_path() / next;
  }
  err = ELOOP;
  return false;
}

} // namespace

boost::system::result<void, diagnostics> save_file(const registry_data& data, const std::string& path) {
  const std::string text = to_json(data);
  namespace fs = std::filesystem;
  // A symbolic link is followed: the file it names is replaced, and the link stays a link.
  fs::path target(path);
  if (int err = 0; !follow_links(target, err)) return save_failure(path, "cannot follow the symbolic link", err);
#if COMPLIANCE_POSIX_FILES
  const detail::save_file_ops& ops = detail::current_save_file_ops(); // the real calls, but in fault tests
  const std::string& real = target.native();
  // The temporary file sits next to the target so that rename() is atomic (same file system).
  static std::atomic<unsigned> counter{0};
  std::string temp;
  int fd = -1;
  int err = 0; // errno, saved at once: building a message may allocate, and that may change it
  for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
    temp = real + ".tmp-" + std::to_string(static_cast<long>(::getpid())) + "-" + std::to_string(counter++);
    fd = ops.open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    err = errno;
    if (fd < 0 && err != EEXIST) break;
  }
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (fd < 0) return save_failure(path, "cannot create a temporary file in " + dir.string(), err);
  auto abandon = [&](const std::string& step, int reason) {
    (void)ops.close(fd);
    ::unlink(temp.c_str());
    return save_failure(path, step, reason);
  };
  struct ::stat existing {};
  if (::stat(real.c_str(), &existing) == 0 && S_ISREG(existing.st_mode))
    (void)::fchmod(fd, existing.st_mode & 07777); // keep the replaced file's permissions (best effort)
  std::size_t written = 0;
  while (written < text.size()) {
    const std::ptrdiff_t n = ops.write(fd, text.data() + written, text.size() - written);
    if (n < 0) {
      err = errno;
      if (err == EINTR) continue;
      return abandon("cannot write the temporary file " + temp, err);
    }
    // No progress and no reason: treated as a full disk rather than retried for ever.
    if (n == 0) return abandon("cannot write the temporary file " + temp, ENOSPC);
    written += static_cast<std::size_t>(n);
  }
  if (ops.fsync(fd) != 0) {
    err = errno;
    return abandon("cannot flush the temporary file " + temp + " to disk", err);
  }
  if (ops.close(fd) != 0) { // the descriptor is released all the same
    err = errno;
    ::unlink(temp.c_str());
    return save_failure(path, "cannot close the temporary file " + temp, err);
  }
  if (ops.rename(temp.c_str(), real.c_str()) != 0) {
    err = errno;
    ::unlink(temp.c_str());
    return save_failure(path, "cannot replace the file with the temporary file", err);
  }
  // Make the rename itself durable; failure here cannot undo a completed save, so it is not one.
  const int dfd = ops.open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0) {
    (void)ops.fsync(dfd);
    (void)ops.close(dfd);
  }
  return {};
#else
  const std::string temp = target.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return save_failure(path, "cannot create the temporary file " + temp, errno);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      const int err = errno;
      out.close();
      std::error_code ignored;
      fs::remove(temp, ignored);
      return save_failure(path, "cannot write the temporary file " + temp, err);
    }
  }
  std::error_code ec;
  fs::rename(temp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    return save_failure(path, "cannot replace the file with the temporary file", ec.value());
  }
  return {};
#endif
}

void save_file_or_throw(const registry_data& data, const std::string& path) { save_file(data, path).value(); }

} // namespace compliance
