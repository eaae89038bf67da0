// Status and Result<T>: how every embargo library function reports failure.
// The library never throws across its API; expected errors are values.
// Thread-safety: plain values; distinct objects may be used from any thread.
#ifndef EMBARGO_STATUS_H_
#define EMBARGO_STATUS_H_

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace embargo {

enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument = 1,  // the caller passed something unusable
  kNotFound = 2,         // a file, entity or key does not exist
  kIoError = 3,          // the operating system refused a read or write
  kDataError = 4,        // an input file is malformed; message names where
  kUnsupported = 5,      // a format or feature embargo does not handle
  kLimitExceeded = 6,    // an input exceeds a documented resource limit
  kInternal = 7,         // a bug in embargo
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(StatusCode::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(StatusCode::kNotFound, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(StatusCode::kIoError, std::move(msg));
  }
  static Status DataError(std::string msg) {
    return Status(StatusCode::kDataError, std::move(msg));
  }
  static Status Unsupported(std::string msg) {
    return Status(StatusCode::kUnsupported, std::move(msg));
  }
  static Status LimitExceeded(std::string msg) {
    return Status(StatusCode::kLimitExceeded, std::move(msg));
  }
  static Status Internal(std::string msg) {
    return Status(StatusCode::kInternal, std::move(msg));
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or the code's name followed by the message.
  std::string ToString() const;

  // Prefixes the message with context, e.g. the file being read.
  Status WithContext(std::string_view context) const;

 private:
  Status(StatusCode code, std::string msg)
      : code_(code), message_(std::move(msg)) {}
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// Holds either a value or a non-OK Status (like std::expected).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok());
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

// Returns early from the enclosing function if `expr` is not OK.
#define EMBARGO_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::embargo::Status embargo_status_ = (expr);        \
    if (!embargo_status_.ok()) return embargo_status_; \
  } while (0)

}  // namespace embargo

#endif  // EMBARGO_STATUS_H_
