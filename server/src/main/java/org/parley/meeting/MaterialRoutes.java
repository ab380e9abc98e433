package org.parley.meeting;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.parley.account.SignInGuard;
import org.parley.web.ParleyException;


/** A training's materials: the organizer uploads and removes files; participants download them. */
final class MaterialRoutes {
    private final MeetingFeature feature;
    private final SignInGuard guard;

    MaterialRoutes(MeetingFeature feature, SignInGuard guard) {
        this.feature = feature;
        this.guard = guard;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/meetings/{id}/materials", this::upload);
        routes.get("/api/v1/meetings/{id}/materials/{materialId}", this::download);
        routes.delete("/api/v1/meetings/{id}/materials/{materialId}", this::deleteMaterial);
        routes.get("/api/v1/registrations/{token}/materials/{materialId}", this::registrantDownload);
    }

    private org.parley.account.Account signedIn(Context ctx) {
        return guard.require(ctx).account();
    }

    private void upload(Context ctx) {
        Meeting training = feature.meetings().requireOrganizer(signedIn(ctx), RouteParams.id(ctx));
        String raw = ctx.queryParam("name");
        if (raw == null || raw.isBlank()) {
            throw ParleyException.invalid("Give the file's name: ?name=handout.pdf");
        }
        String name = org.parley.web.Text.check("name", raw, 200);
        if (name.contains("/") || name.contains("\\")) {
            throw ParleyException.invalid("name must be a file name, without folders.");
        }
        Material material = feature.materials().upload(training, name, ctx.contentType(), ctx.bodyInputStream());
        ctx.status(201).json(MeetingView.material(material));
    }

    private void download(Context ctx) {
        var viewed = feature.meetings().view(signedIn(ctx), RouteParams.id(ctx));
        send(ctx, feature.materials().find(viewed.meeting().id(), RouteParams.uuid(ctx.pathParam("materialId")))
                .orElseThrow(ParleyException::notFound));
    }

    private void deleteMaterial(Context ctx) {
        Meeting training = feature.meetings().requireOrganizer(signedIn(ctx), RouteParams.id(ctx));
        feature.materials().delete(training.id(), RouteParams.uuid(ctx.pathParam("materialId")));
        ctx.status(204);
    }

    private void registrantDownload(Context ctx) {
        Registrant r = feature.registrations().byToken(ctx.pathParam("token"));
        if (r.status() != Registrant.Status.APPROVED) {
            throw ParleyException.notFound();
        }
        send(ctx, feature.materials().find(r.meetingId(), RouteParams.uuid(ctx.pathParam("materialId"))).orElseThrow(ParleyException::notFound));
    }

    /** Always an attachment of a neutral type: an uploaded page must never render as part of this site. */
    private void send(Context ctx, Material material) {
        RouteParams.attachment(ctx, material.name());
        ctx.contentType("application/octet-stream").result(feature.materials().content(material.id()));
    }
}
