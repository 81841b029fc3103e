import { Migration } from '@mikro-orm/migrations';

/**
 * A pending authorization remembers a digest of the cookie its browser was given, so only that
 * browser can finish it (login CSRF). States live minutes: those pending now are dropped.
 */
export class OAuthBrowserBinding extends Migration {
  override up(): void {
    this.addSql('delete from oauth_states');
    this.addSql('alter table oauth_states add column browser_binding text null');
  }

  override down(): void {
    this.addSql('alter table oauth_states drop column browser_binding');
  }
}
