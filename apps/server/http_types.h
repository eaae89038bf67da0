// The HTTP request and response as the handlers see them, free of the HTTP
// library, so handlers stay small, compile fast and test without sockets.
// Thread-safety: plain values; a ChunkSink is used by one thread at a time.
#ifndef EMBARGO_APPS_SERVER_HTTP_TYPES_H_
#define EMBARGO_APPS_SERVER_HTTP_TYPES_H_

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace embargo::server {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as sent: path and query
  std::string path;    // the path, percent-decoded
  std::vector<std::pair<std::string, std::string>> query;  // decoded
  std::string authorization;
  std::string content_type;
  std::string body;
  std::chrono::steady_clock::time_point received;

  // The first value of a query parameter, or nullptr.
  const std::string* Param(std::string_view name) const;
  // Every value of a query parameter, commas splitting values too.
  std::vector<std::string> ParamList(std::string_view name) const;
};

// Where a streamed response's body goes. Write() blocks until the chunk is
// on its way (backpressure) and returns false once the client is gone.
class ChunkSink {
 public:
  virtual ~ChunkSink() = default;
  virtual bool Write(std::string_view chunk) = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The route that answered, as in the route table ("/match/{dataset}"),
  // for metrics; "" when no route matched.
  std::string route;
  bool close = false;  // close the connection after this response
  // Set for answers that may block (a reload, a batch): the server runs it
  // on a worker thread, and what it returns is the answer.
  std::function<Response()> deferred;
  // Set for streamed answers: the server sends the status and headers with
  // chunked encoding, then runs this on a worker thread; it returns false
  // to cut the stream short (the client then sees an incomplete body).
  std::function<bool(ChunkSink&)> stream;
};

// Splits "path?query" and percent-decodes both. Returns false for a bad
// escape or for invalid UTF-8 in a decoded value.
bool ParseTarget(std::string_view target, Request* request);

}  // namespace embargo::server

#endif  // EMBARGO_APPS_SERVER_HTTP_TYPES_H_
