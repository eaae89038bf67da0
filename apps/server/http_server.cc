#include "server/http_server.h"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace embargo::server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::chrono::steady_clock::duration Seconds(double s) {
  return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(s));
}

}  // namespace

// Runs blocking jobs (reloads, batches) off the I/O threads. Outside the
// anonymous namespace because HttpServer::Impl holds one.
class WorkerPool {
 public:
  void Start(int threads, size_t max_queued) {
    max_queued_ = max_queued;
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
  }
  // False when the queue is full or the pool is stopping.
  bool Submit(std::function<void()> job) {
    {
      std::lock_guard lock(mu_);
      if (stop_ || jobs_.size() >= max_queued_) return false;
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
    return true;
  }
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void Run() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  size_t max_queued_ = 64;
  bool stop_ = false;
};

constexpr const char* kServerName = "embargo";

struct HttpServer::Impl {
  Impl(const ServerConfig& c, Api* a) : config(c), api(a) {}

  void Accept();
  void OnAccept(tcp::socket socket);
  void Refuse(tcp::socket socket);
  void Closed() { api->open_connections()->Set(static_cast<double>(--open)); }

  const ServerConfig& config;
  Api* api;
  std::atomic<std::int64_t> open{0};
  std::atomic<bool> stopping{false};
  std::atomic<size_t> next{0};
  WorkerPool workers;
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::unique_ptr<net::steady_timer> accept_retry;
  std::vector<std::thread> threads;
  std::uint16_t bound_port = 0;
};

namespace {

class Session;

// Streams chunks from a worker thread through the session's I/O thread.
class SessionSink : public ChunkSink {
 public:
  SessionSink(std::shared_ptr<Session> session, HttpServer::Impl* server)
      : session_(std::move(session)), server_(server) {}
  bool Write(std::string_view chunk) override;
  bool failed() const { return failed_; }

 private:
  std::shared_ptr<Session> session_;
  HttpServer::Impl* server_;
  bool failed_ = false;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, HttpServer::Impl* server)
      : stream_(std::move(socket)),
        server_(server),
        limits_(server->config.limits) {}
  ~Session() { server_->Closed(); }

  void Start() {
    net::dispatch(
        stream_.get_executor(),
        beast::bind_front_handler(&Session::ReadHeader, shared_from_this()));
  }

  beast::tcp_stream& stream() { return stream_; }
  const ServerLimits& limits() const { return limits_; }

 private:
  friend class SessionSink;

  void ReadHeader() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
    parser_->body_limit(limits_.max_screen_body_bytes);
    // A connection's first request must arrive whole (headers) within the
    // header timeout; later ones within the keep-alive idle time. The timer
    // is not reset by each byte, so dribbling headers does not keep it open.
    StartReadTimer(first_ ? limits_.header_timeout : limits_.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
  }

  // Read deadlines use a timer of our own that cancels the read, rather than
  // the stream's expiry (which closes the socket), so a timed-out client
  // still gets its 408.
  void StartReadTimer(double seconds) {
    stream_.expires_never();
    read_timed_out_ = false;
    read_timer_.expires_after(Seconds(seconds));
    read_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
      if (ec) return;
      if (auto self = weak.lock()) {
        self->read_timed_out_ = true;
        beast::error_code ignored;
        self->stream_.socket().cancel(ignored);
      }
    });
  }

  void OnHeader(beast::error_code ec, size_t) {
    received_ = std::chrono::steady_clock::now();
    read_timer_.cancel();
    if (ec) return OnReadError(ec, false);
    auto& req = parser_->get();
    method_ = std::string(req.method_string());
    bool screen = req.target().starts_with("/screen");
    std::uint64_t limit =
        screen ? limits_.max_screen_body_bytes : limits_.max_body_bytes;
    if (auto len = parser_->content_length(); len && *len > limit) {
      server_->api->CountRejected("body_limit");
      return SendError(413, "body_too_large",
                       fmt::format("the body is larger than {} bytes", limit));
    }
    parser_->body_limit(limit);
    if (parser_->is_done()) return Dispatch();
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto self = shared_from_this();
      auto cont = std::make_shared<http::response<http::empty_body>>(
          http::status::continue_, 11);
      stream_.expires_after(Seconds(limits_.write_timeout));
      http::async_write(stream_, *cont,
                        [self, cont](beast::error_code ec2, size_t) {
                          if (ec2) return self->Close();
                          self->ReadBody();
                        });
      return;
    }
    ReadBody();
  }

  void ReadBody() {
    StartReadTimer(limits_.body_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->read_timer_.cancel();
                       if (ec) return self->OnReadError(ec, true);
                       self->Dispatch();
                     });
  }

  void OnReadError(beast::error_code ec, bool in_body) {
    if (read_timed_out_) {
      if (!in_body && buffer_.size() == 0 && !parser_->got_some())
        return Close();
      server_->api->CountRejected("timeout");
      return SendError(408, "request_timeout",
                       in_body ? "the body did not arrive in time"
                               : "the request headers did not arrive in time");
    }
    if (ec == http::error::end_of_stream || ec == net::error::eof ||
        ec == net::error::connection_reset ||
        ec == net::error::operation_aborted ||
        ec == http::error::partial_message)
      return Close();
    if (ec == http::error::header_limit) {
      server_->api->CountRejected("header_limit");
      return SendError(
          431, "headers_too_large",
          fmt::format("the request line and headers exceed {} bytes",
                      limits_.max_header_bytes));
    }
    if (ec == http::error::body_limit) {
      server_->api->CountRejected("body_limit");
      return SendError(413, "body_too_large",
                       "the body is larger than allowed");
    }
    server_->api->CountRejected("malformed");
    SendError(400, "bad_request",
              fmt::format("malformed HTTP request: {}", ec.message()));
  }

  void SendError(int status, std::string_view code, std::string_view detail) {
    keep_alive_ = false;
    Response r = Api::Error(status, code, detail);
    r.close = true;
    Write(std::move(r));
  }

  void Dispatch() {
    http::request<http::string_body> msg = parser_->release();
    keep_alive_ = msg.keep_alive();
    Request r;
    r.method = method_;
    r.target = std::string(msg.target());
    r.received = received_;
    if (!ParseTarget(r.target, &r)) {
      server_->api->CountRejected("malformed");
      return SendError(400, "bad_request",
                       "the path or query has a bad %-escape or invalid UTF-8");
    }
    r.authorization = std::string(msg[http::field::authorization]);
    r.content_type = std::string(msg[http::field::content_type]);
    r.body = std::move(msg.body());
    Respond(server_->api->Handle(std::move(r)));
  }

  void Respond(Response resp) {
    route_ = resp.route;
    if (resp.deferred) {
      auto self = shared_from_this();
      auto job = [self, fn = std::move(resp.deferred),
                  route = resp.route]() mutable {
        Response out = fn();
        // What the job holds (a /screen slot) goes before the client can
        // read its answer and send the next request.
        fn = nullptr;
        if (out.route.empty()) out.route = route;
        net::post(self->stream_.get_executor(),
                  [self, out = std::move(out)]() mutable {
                    self->Respond(std::move(out));
                  });
      };
      if (!server_->workers.Submit(std::move(job))) {
        Response busy =
            Api::Error(503, "busy", "the server is busy; retry later");
        busy.headers.emplace_back("Retry-After", "1");
        busy.route = route_;
        Write(std::move(busy));
      }
      return;
    }
    if (resp.stream) return StartStream(std::move(resp));
    Write(std::move(resp));
  }

  template <typename Message>
  void SetHeaders(Message& m, const Response& resp) {
    m.set(http::field::server, kServerName);
    m.set(http::field::content_type, resp.content_type);
    for (const auto& [k, v] : resp.headers) m.set(k, v);
  }

  // The header as Beast's serializer writes it for SetHeaders, keep_alive
  // and a content length, but written here and sent with the body in one
  // gather write: the serializer's composed write took 17,000 instructions
  // a response, a twentieth of a /search request.
  void Write(Response resp) {
    status_ = resp.status;
    if (!resp.route.empty()) route_ = resp.route;
    const bool keep = keep_alive_ && !resp.close && !server_->stopping;
    auto out = std::make_shared<std::pair<std::string, std::string>>();
    std::string& head = out->first;
    head.reserve(256);
    head.append("HTTP/1.1 ")
        .append(std::to_string(resp.status))
        .append(" ")
        .append(http::obsolete_reason(static_cast<http::status>(resp.status)))
        .append("\r\nServer: ")
        .append(kServerName)
        .append("\r\nContent-Type: ")
        .append(resp.content_type)
        .append("\r\n");
    for (const auto& [k, v] : resp.headers)
      head.append(k).append(": ").append(v).append("\r\n");
    if (!keep) head.append("Connection: close\r\n");
    head.append("Content-Length: ")
        .append(std::to_string(resp.body.size()))
        .append("\r\n\r\n");
    if (method_ != "HEAD") out->second = std::move(resp.body);
    stream_.expires_after(Seconds(limits_.write_timeout));
    net::async_write(
        stream_,
        std::array<net::const_buffer, 2>{net::buffer(out->first),
                                         net::buffer(out->second)},
        [self = shared_from_this(), out, keep](beast::error_code ec, size_t) {
          self->OnWrite(ec, !keep);
        });
  }

  void OnWrite(beast::error_code ec, bool close) {
    server_->api->Record(route_, method_.empty() ? "-" : method_, status_,
                         std::chrono::duration<double>(
                             std::chrono::steady_clock::now() - received_)
                             .count());
    if (ec) return Close();
    if (close) return Linger();
    first_ = false;
    ReadHeader();
  }

  void StartStream(Response resp) {
    status_ = resp.status;
    auto hdr = std::make_shared<http::response<http::empty_body>>(
        static_cast<http::status>(resp.status), 11);
    SetHeaders(*hdr, resp);
    hdr->keep_alive(keep_alive_);
    hdr->chunked(true);
    auto sr =
        std::make_shared<http::response_serializer<http::empty_body>>(*hdr);
    stream_.expires_after(Seconds(limits_.write_timeout));
    http::async_write_header(
        stream_, *sr,
        [self = shared_from_this(), hdr, sr, fn = std::move(resp.stream)](
            beast::error_code ec, size_t) mutable {
          if (ec) return self->Close();
          auto sink = std::make_shared<SessionSink>(self, self->server_);
          auto job = [self, sink, fn = std::move(fn)]() mutable {
            bool ok = fn(*sink) && !sink->failed();
            fn = nullptr;  // as for a deferred job, before the last chunk
            net::post(self->stream_.get_executor(),
                      [self, ok] { self->FinishStream(ok); });
          };
          if (!self->server_->workers.Submit(std::move(job))) {
            self->FinishStream(false);
          }
        });
  }

  void FinishStream(bool ok) {
    if (!ok) {
      // No last chunk: the client sees the body cut short, never a
      // truncated answer that looks whole.
      OnWrite({}, true);
      return Close();
    }
    auto last = std::make_shared<http::chunk_last<http::chunk_crlf>>();
    stream_.expires_after(Seconds(limits_.write_timeout));
    net::async_write(
        stream_, *last,
        [self = shared_from_this(), last](beast::error_code ec, size_t) {
          self->OnWrite(ec, !self->keep_alive_ || self->server_->stopping);
        });
  }

  // Half-closes and reads what the client still sends for a moment, so it
  // gets our answer instead of a reset.
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    if (ec) return Close();
    stream_.expires_after(std::chrono::seconds(2));
    auto buf = std::make_shared<std::array<char, 4096>>();
    DrainOnce(buf);
  }

  void DrainOnce(const std::shared_ptr<std::array<char, 4096>>& buf) {
    stream_.async_read_some(
        net::buffer(*buf),
        [self = shared_from_this(), buf](beast::error_code ec, size_t) {
          if (ec) return self->Close();
          self->DrainOnce(buf);
        });
  }

  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.socket().close(ec);
  }

  beast::tcp_stream stream_;
  HttpServer::Impl* server_;
  const ServerLimits& limits_;
  net::steady_timer read_timer_{stream_.get_executor()};
  bool read_timed_out_ = false;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::chrono::steady_clock::time_point received_;
  std::string method_;
  std::string route_;
  int status_ = 0;
  bool keep_alive_ = true;
  bool first_ = true;
};

bool SessionSink::Write(std::string_view chunk) {
  if (failed_) return false;
  if (chunk.empty()) return true;
  auto done = std::make_shared<std::promise<bool>>();
  std::future<bool> result = done->get_future();
  auto session = session_;
  net::post(session->stream().get_executor(), [session, chunk, done] {
    session->stream().expires_after(Seconds(session->limits().write_timeout));
    net::async_write(
        session->stream(),
        http::make_chunk(net::const_buffer(chunk.data(), chunk.size())),
        [done](beast::error_code ec, size_t) { done->set_value(!ec); });
  });
  while (result.wait_for(std::chrono::milliseconds(100)) !=
         std::future_status::ready) {
    if (server_->stopping) {
      failed_ = true;
      return false;
    }
  }
  if (!result.get()) failed_ = true;
  return !failed_;
}

}  // namespace

void HttpServer::Impl::Accept() {
  size_t i = next++ % contexts.size();
  net::any_io_executor ex = contexts[i]->get_executor();
  acceptor->async_accept(ex, [this](beast::error_code ec, tcp::socket socket) {
    if (stopping) return;
    if (ec) {
      // Out of descriptors and the like: back off instead of spinning.
      accept_retry->expires_after(std::chrono::milliseconds(50));
      accept_retry->async_wait([this](beast::error_code) {
        if (!stopping) Accept();
      });
      return;
    }
    OnAccept(std::move(socket));
    Accept();
  });
}

void HttpServer::Impl::OnAccept(tcp::socket socket) {
  beast::error_code ec;
  socket.set_option(tcp::no_delay(true), ec);
  if (open.load() >= static_cast<std::int64_t>(config.limits.max_connections)) {
    api->CountRejected("connections");
    return Refuse(std::move(socket));
  }
  api->open_connections()->Set(static_cast<double>(++open));
  std::make_shared<Session>(std::move(socket), this)->Start();
}

void HttpServer::Impl::Refuse(tcp::socket socket) {
  static const std::string kBody =
      R"({"status":503,"error":"too_many_connections","detail":"the server has too many open connections; retry later"})";
  static const std::string kResponse = fmt::format(
      "HTTP/1.1 503 Service Unavailable\r\nServer: {}\r\nContent-Type: "
      "application/json\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: "
      "close\r\n\r\n{}",
      kServerName, kBody.size(), kBody);
  auto s = std::make_shared<tcp::socket>(std::move(socket));
  net::async_write(*s, net::buffer(kResponse), [s](beast::error_code, size_t) {
    beast::error_code ec;
    s->shutdown(tcp::socket::shutdown_both, ec);
    s->close(ec);
  });
}

HttpServer::HttpServer(const ServerConfig& config, Api* api)
    : impl_(std::make_unique<Impl>(config, api)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Impl& s = *impl_;
  std::string host;
  std::uint16_t port = 0;
  EMBARGO_RETURN_IF_ERROR(SplitListen(s.config.listen, &host, &port));
  int threads =
      s.config.threads > 0
          ? s.config.threads
          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  for (int i = 0; i < threads; ++i) {
    s.contexts.push_back(std::make_unique<net::io_context>(1));
    s.guards.push_back(net::make_work_guard(*s.contexts.back()));
  }
  beast::error_code ec;
  auto address = net::ip::make_address(host, ec);
  if (ec)
    return Status::InvalidArgument(
        fmt::format("--listen: '{}' is not an IP address", host));
  tcp::endpoint endpoint(address, port);
  s.acceptor = std::make_unique<tcp::acceptor>(*s.contexts[0]);
  s.accept_retry = std::make_unique<net::steady_timer>(*s.contexts[0]);
  s.acceptor->open(endpoint.protocol(), ec);
  if (!ec) s.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(endpoint, ec);
  if (!ec) s.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Status::IoError(
        fmt::format("cannot listen on {}: {}", s.config.listen, ec.message()));
  s.bound_port = s.acceptor->local_endpoint().port();
  s.workers.Start(std::max(1, s.config.worker_threads), 256);
  s.Accept();
  for (auto& ctx : s.contexts) {
    net::io_context* c = ctx.get();
    s.threads.emplace_back([c] { c->run(); });
  }
  return Status::Ok();
}

std::uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::Stop() {
  Impl& s = *impl_;
  if (s.stopping.exchange(true)) return;
  if (s.acceptor) {
    net::post(*s.contexts[0], [&s] {
      beast::error_code ec;
      s.acceptor->close(ec);
      s.accept_retry->cancel();
    });
  }
  for (auto& g : s.guards) g.reset();
  for (auto& c : s.contexts) c->stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.workers.Stop();
  // Sessions still queued in a context are freed with it.
  s.acceptor.reset();
  s.accept_retry.reset();
  s.contexts.clear();
}

}  // namespace embargo::server
