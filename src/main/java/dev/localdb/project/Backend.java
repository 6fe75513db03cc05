package dev.localdb.project;

/**
 * One server that answers for a project, as the proxy in front of the web port sees it: where it
 * listens and whether its last health check left it able to take requests. A project runs one; a
 * cluster ({@code --instances}) one per instance, numbered from 1.
 */
public record Backend(int instance, String host, int port, boolean healthy) {

}
