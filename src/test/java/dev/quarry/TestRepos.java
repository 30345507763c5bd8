package dev.quarry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small real source trees written into temp directories for tests. */
public final class TestRepos {
    private TestRepos() {}

    public static void write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tiny mixed-language repository with distinctive names to search for. */
    public static Path sample(Path root) {
        write(root, "src/main/java/org/example/RetryPolicy.java", """
                package org.example;

                /** Decides when a failed upload is tried again. */
                public class RetryPolicy {
                    private final int maxAttempts;

                    public RetryPolicy(int maxAttempts) {
                        this.maxAttempts = maxAttempts;
                    }

                    public boolean shouldRetryUpload(int attempt, Exception failure) {
                        return attempt < maxAttempts && !(failure instanceof IllegalStateException);
                    }

                    public long backoffMillis(int attempt) {
                        return 100L << Math.min(attempt, 10);
                    }
                }
                """);
        write(root, "src/main/java/org/example/Uploader.java", """
                package org.example;

                public class Uploader {
                    private final RetryPolicy policy = new RetryPolicy(5);

                    public void upload(byte[] data) {
                        int attempt = 0;
                        while (true) {
                            try {
                                send(data);
                                return;
                            } catch (Exception e) {
                                if (!policy.shouldRetryUpload(++attempt, e)) {
                                    throw new IllegalStateException(e);
                                }
                            }
                        }
                    }

                    private void send(byte[] data) throws Exception {
                        if (data.length == 0) {
                            throw new Exception("empty");
                        }
                    }
                }
                """);
        write(root, "tools/parse_dates.py", """
                import datetime


                def parse_date(text):
                    \"\"\"Turn an ISO date string into a date.\"\"\"
                    return datetime.date.fromisoformat(text.strip())


                class DateRange:
                    def __init__(self, start, end):
                        self.start = start
                        self.end = end

                    def contains(self, day):
                        return self.start <= day <= self.end
                """);
        write(root, "README.md", "# Example\n\nUploads files with retries and parses dates.\n");
        write(root, ".gitignore", "generated/\n");
        write(root, "generated/Ignored.java", "class Ignored { void hiddenGeneratedMethod() {} }\n");
        return root;
    }
}
