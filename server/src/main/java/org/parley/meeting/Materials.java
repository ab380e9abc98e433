package org.parley.meeting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.parley.web.Failure;
import org.parley.web.ParleyException;

/**
 * Training materials: the organizer uploads files, registrants, invitees and the organizer
 * download them. Always served as attachments with a neutral type, so an uploaded HTML page can
 * never run as part of Parley.
 */
final class Materials {
    static final int MAX_BYTES = 10 * 1024 * 1024;
    static final int MAX_FILES = 20;
    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*");
    private final Jdbi jdbi;
    private final Clock clock;

    Materials(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    Material upload(Meeting training, String name, String contentType, InputStream body) {
        if (training.kind() != MeetingKind.TRAINING) {
            throw ParleyException.invalid("Materials belong to trainings; this is a " + training.kind().code() + ".");
        }
        byte[] content = readAtMost(body);
        if (content.length == 0) {
            throw ParleyException.invalid("The file is empty.");
        }
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(java.util.Locale.ROOT);
        var material = new Material(UUID.randomUUID(), training.id(), name,
                CONTENT_TYPE.matcher(type).matches() && type.length() <= 100 ? type : "application/octet-stream",
                content.length, clock.instant());
        jdbi.useTransaction(h -> {
            int count = h.createQuery("select count(*) from materials where meeting_id = :id").bind("id", training.id())
                    .mapTo(Integer.class).one();
            if (count >= MAX_FILES) {
                throw new ParleyException(Failure.CONFLICT, "A training can have at most " + MAX_FILES + " files; remove one first.");
            }
            h.createUpdate("insert into materials (id, meeting_id, name, content_type, size_bytes, content, uploaded_at) "
                            + "values (:id, :meeting, :name, :type, :size, :content, :at)")
                    .bind("id", material.id()).bind("meeting", training.id()).bind("name", material.name())
                    .bind("type", material.contentType()).bind("size", material.size()).bind("content", content)
                    .bind("at", Timestamp.from(material.uploadedAt())).execute();
        });
        return material;
    }

    List<Material> list(UUID meetingId) {
        return jdbi.withHandle(h -> h.createQuery("select id, meeting_id, name, content_type, size_bytes, uploaded_at "
                        + "from materials where meeting_id = :id order by uploaded_at, name").bind("id", meetingId)
                .map((rs, ctx) -> new Material(rs.getObject("id", UUID.class), rs.getObject("meeting_id", UUID.class),
                        rs.getString("name"), rs.getString("content_type"), rs.getInt("size_bytes"),
                        rs.getTimestamp("uploaded_at").toInstant()))
                .list());
    }

    Optional<Material> find(UUID meetingId, UUID materialId) {
        return list(meetingId).stream().filter(m -> m.id().equals(materialId)).findFirst();
    }

    byte[] content(UUID materialId) {
        return jdbi.withHandle(h -> h.createQuery("select content from materials where id = :id").bind("id", materialId)
                .mapTo(byte[].class).one());
    }

    void delete(UUID meetingId, UUID materialId) {
        int deleted = jdbi.withHandle(h -> h.createUpdate("delete from materials where meeting_id = :meeting and id = :id")
                .bind("meeting", meetingId).bind("id", materialId).execute());
        if (deleted == 0) {
            throw ParleyException.notFound();
        }
    }

    /** Reads the upload, refusing (413) as soon as it passes the cap instead of buffering the rest. */
    private static byte[] readAtMost(InputStream body) {
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        try (body) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (out.size() + n > MAX_BYTES) {
                    throw new ParleyException(Failure.PAYLOAD_TOO_LARGE, "Files can be at most " + MAX_BYTES / (1024 * 1024) + " MiB.");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw ParleyException.invalid("The upload was interrupted; please try again.");
        }
        return out.toByteArray();
    }
}
