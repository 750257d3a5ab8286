// The cost of HTTP with nothing behind it: a keep-alive server on 127.0.0.1:PORT that answers every
// request with the same small JSON response, one connection at a time, from read and write in a
// loop. Usage: c-floor PORT
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: c-floor PORT\n");
        return 2;
    }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_port = htons((unsigned short)atoi(argv[1]));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listener, (struct sockaddr *)&address, sizeof address) != 0 || listen(listener, 16) != 0) {
        perror("c-floor");
        return 1;
    }
    const char *response = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"status\":\"pass\"}";
    for (;;) {
        int connection = accept(listener, NULL, NULL);
        if (connection < 0) continue;
        setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        char request[65536];
        ssize_t count;
        // The clients here send one small GET at a time and wait for its answer.
        while ((count = read(connection, request, sizeof request - 1)) > 0) {
            request[count] = 0;
            if (strstr(request, "\r\n\r\n")) write(connection, response, strlen(response));
        }
        close(connection);
    }
}
