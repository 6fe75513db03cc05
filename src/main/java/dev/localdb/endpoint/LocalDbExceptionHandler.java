package dev.localdb.endpoint;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.localdb.system.Failure;
import dev.localdb.system.LocalDbException;

/**
 * Domain failures over HTTP: the status the {@link Failure} names and the same message the shell
 * prints. Always JSON, whatever the request accepted: a refused event stream still says why.
 */
@RestControllerAdvice
class LocalDbExceptionHandler {

	@ExceptionHandler(LocalDbException.class)
	ResponseEntity<Map<String, Object>> handle(LocalDbException ex) {
		int status = ex.failure().httpStatus();
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", status, "error", ex.getMessage()));
	}

}
