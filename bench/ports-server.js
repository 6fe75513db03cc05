// The Node reference for GET /actuator/ports: serves one saved answer of the daemon (the same bytes
// and content type) on loopback, as a 20-line Node server would. Usage: node ports-server.js PORT FILE
'use strict';
const http = require('http');
const fs = require('fs');

const port = Number(process.argv[2]);
const body = fs.readFileSync(process.argv[3]);
const headers = {
  'Content-Type': 'application/vnd.spring-boot.actuator.v3+json',
  'Content-Length': body.length,
};

http.createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/actuator/ports') {
    response.writeHead(200, headers);
    response.end(body);
  } else {
    response.writeHead(404);
    response.end();
  }
}).listen(port, '127.0.0.1');
