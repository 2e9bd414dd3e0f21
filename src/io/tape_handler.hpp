// Stage 1's Boost.JSON handler, shared by the loaders (json_load.cpp, json_read.cpp): it lays a
// document out as a tape (tape.hpp) and can hand the root's `vendors` to a sink one at a time;
// with the parse limits every pass over the text uses (json_syntax.cpp too). Not installed.
#ifndef COMPLIANCE_SRC_TAPE_HANDLER_HPP
#define COMPLIANCE_SRC_TAPE_HANDLER_HPP

#include "compliance/json.hpp"

#include "io/tape.hpp"

#include <boost/json/parse_options.hpp>
#include <boost/json/string_view.hpp>
#include <boost/system/error_code.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <string_view>

namespace compliance::detail {

// The spellings the handlers are written in (as in the .cpp files that include this header).
namespace json = boost::json;
using boost::system::error_code;

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

inline json::parse_options parse_limits() {
  json::parse_options opt;
  opt.max_depth = max_json_depth; // Boost's default of 32 would do too; 64 leaves room for extensions
  return opt;
}

} // namespace compliance::detail

#endif
