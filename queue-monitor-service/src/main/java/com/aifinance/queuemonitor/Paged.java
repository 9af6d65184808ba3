package com.aifinance.queuemonitor;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** One page of a list kept in the database: {@code page} counts from 0. */
@Schema(description = "One page of results; page counts from 0")
public record Paged<T>(List<T> items, int page, int size, long total) {
}
