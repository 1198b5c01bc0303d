import type { Locale } from '../stores/user-store';
import type { RenderedMail } from './mail-templates';

export interface PasswordMailParams {
  recipientName: string;
  link: string;
  /** When the link stops working, as people read it (Asia/Shanghai). */
  expiresAt: string;
}

type Template = Record<Locale, (p: PasswordMailParams) => RenderedMail>;

const footer = {
  'zh-CN': '\n\n如非本人操作，请忽略本邮件，您的账户不会有任何变化。\n——CarePact 医养结合签约监管',
  en:
    '\n\nIf you did not expect this mail, ignore it: nothing changes on your account.\n' +
    '— CarePact, medical–elderly-care contract supervision',
};

/** Invitation and reset mails: the link is single-use and sets the password; it never carries the password. */
export const passwordTemplates = {
  'user-invitation': {
    'zh-CN': (p) => ({
      subject: '【CarePact】您已受邀使用 CarePact，请设置密码',
      text:
        `${p.recipientName}，您好：\n\n` +
        `您的 CarePact 账户已创建。请打开以下链接设置密码并登录（链接仅可使用一次，${p.expiresAt} 前有效）：\n\n` +
        `${p.link}${footer['zh-CN']}`,
    }),
    en: (p) => ({
      subject: '[CarePact] You are invited to CarePact: set your password',
      text:
        `Dear ${p.recipientName},\n\n` +
        `An account on CarePact has been created for you. Open this link to set your password and sign in ` +
        `(it works once, until ${p.expiresAt}):\n\n${p.link}${footer.en}`,
    }),
  },
  'password-reset': {
    'zh-CN': (p) => ({
      subject: '【CarePact】重置密码',
      text:
        `${p.recipientName}，您好：\n\n` +
        `我们收到了重置您 CarePact 密码的请求。请打开以下链接设置新密码（链接仅可使用一次，${p.expiresAt} 前有效）。` +
        `设置新密码后，您在其他设备上的登录将全部退出：\n\n${p.link}${footer['zh-CN']}`,
    }),
    en: (p) => ({
      subject: '[CarePact] Reset your password',
      text:
        `Dear ${p.recipientName},\n\n` +
        `We received a request to reset your CarePact password. Open this link to set a new one ` +
        `(it works once, until ${p.expiresAt}); setting it signs you out everywhere else:\n\n${p.link}${footer.en}`,
    }),
  },
} satisfies Record<string, Template>;

export type PasswordMailTemplate = keyof typeof passwordTemplates;
