package org.dataembassy.runtime.forwarding;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.http.impl.HttpServerRequestWrapper;

/**
 * A request whose body has already been read (it waited before it could be routed), handed to the
 * reverse proxy: the proxy's flow control on the request stream does nothing — an HTTP/2 request
 * that has ended refuses to be paused — and the proxy sends {@link #readBody()} instead.
 */
final class ReadRequest extends HttpServerRequestWrapper {

  private final Buffer body;

  ReadRequest(HttpServerRequest delegate, Buffer body) {
    super((HttpServerRequestInternal) delegate);
    this.body = body;
  }

  Buffer readBody() {
    return body;
  }

  @Override
  public HttpServerRequest pause() {
    return this;
  }

  @Override
  public HttpServerRequest resume() {
    return this;
  }

  @Override
  public HttpServerRequest fetch(long amount) {
    return this;
  }

  @Override
  public HttpServerRequest handler(Handler<Buffer> handler) {
    return this;
  }

  @Override
  public HttpServerRequest endHandler(Handler<Void> handler) {
    return this;
  }
}
